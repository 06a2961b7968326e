import { writeFileSync } from "node:fs";
import { compileMessage, readCatalogs, REFERENCE_LANGUAGE, type PlaceholderUse } from "../src/i18n/catalog.ts";

/**
 * `npm run i18n:types`: writes src/i18n/message-parameters.ts, the placeholders of each French
 * message as a type, so that `t(language, key, values)` checks their names at compile time.
 * tests/i18n/catalogs.test.ts fails when the file is stale.
 */
export const GENERATED = new URL("../src/i18n/message-parameters.ts", import.meta.url);

const TYPES: Readonly<Record<PlaceholderUse, string>> = { text: "MarkdownPart", select: "string", number: "number" };

export function messageParametersSource(locales: URL = new URL("../locales/", import.meta.url)): string {
  const french = readCatalogs(locales, [{ code: REFERENCE_LANGUAGE, name: "Français", locale: "fr-FR" }]).get(REFERENCE_LANGUAGE) ?? new Map<string, string>();
  const lines = [...french]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, message]) => {
      const fields = [...compileMessage(message, "fr-FR").placeholders].map(([name, use]) => `readonly ${name}: ${TYPES[use]}`);
      return `  ${JSON.stringify(key)}: ${fields.length === 0 ? "Record<string, never>" : `{ ${fields.join("; ")} }`};`;
    });
  return [
    "// Generated from locales/fr/*.json by `npm run i18n:types`: do not edit.",
    'import type { MarkdownPart } from "../render/markdown.ts";',
    "",
    "/** Each message's placeholders: text (escaped unless Markdown), select values, numbers. */",
    "export interface MessageParameters {",
    ...lines,
    "}",
    "",
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(GENERATED, messageParametersSource());
  console.log("src/i18n/message-parameters.ts : paramètres des messages à jour.");
}
