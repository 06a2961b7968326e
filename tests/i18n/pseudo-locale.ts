import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { allCommands } from "../../commands/index.ts";
import { CommandRegistry } from "../../src/dispatch/registry.ts";
import { Catalog, REFERENCE_LANGUAGE } from "../../src/i18n/catalog.ts";

const ACCENTED: Readonly<Record<string, string>> = { a: "á", e: "é", i: "í", o: "ó", u: "ú", y: "ý", c: "ç", n: "ñ", A: "Á", E: "É", I: "Í", O: "Ó", U: "Ú", C: "Ç", N: "Ñ" };
export const OPEN = "⟦";
export const CLOSE = "⟧";

/**
 * A French message made recognisable: its text accented and the whole wrapped in ⟦…⟧, its ICU
 * syntax left alone. A plain `{name}` is closed out of the brackets (`⟧{name}⟦`), so that a value
 * written by code rather than by the catalog (an unmoved summary passed in) shows outside ⟦…⟧.
 */
export function pseudoMessage(message: string): string {
  return `${OPEN}${pseudoText(message)}${CLOSE}`;
}

function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    if (text[index] === "{") depth += 1;
    else if (text[index] === "}" && --depth === 0) return index;
  }
  throw new Error(`accolade non fermée : ${text}`);
}

function pseudoText(text: string): string {
  let out = "";
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] ?? "";
    if (character === "{") {
      const end = closingBrace(text, index);
      out += pseudoArgument(text.slice(index + 1, end));
      index = end;
    } else {
      out += ACCENTED[character] ?? character;
    }
  }
  return out;
}

/** `{name}`, or `{name, plural|select, key {text} …}` whose option texts are text again. */
function pseudoArgument(inner: string): string {
  if (!inner.includes(",")) return `${CLOSE}{${inner}}${OPEN}`;
  let out = "{";
  for (let index = 0; index < inner.length; index += 1) {
    if (inner[index] === "{") {
      const end = closingBrace(inner, index);
      out += `{${pseudoText(inner.slice(index + 1, end))}}`;
      index = end;
    } else {
      out += inner[index] ?? "";
    }
  }
  return `${out}}`;
}

/** Keys whose text is an identifier the bot must still answer to, kept as they are. */
const KEPT = /\.names$/u;

/**
 * The French catalog turned pseudo, written to a temporary locales/ folder as the reference
 * language and loaded through the same loader as Minou's own.
 */
export function pseudoCatalog(): Catalog {
  const source = new URL(`../../locales/${REFERENCE_LANGUAGE}/`, import.meta.url);
  const root = mkdtempSync(join(tmpdir(), "minou-pseudo-"));
  mkdirSync(join(root, REFERENCE_LANGUAGE));
  writeFileSync(join(root, "languages.json"), JSON.stringify([{ code: REFERENCE_LANGUAGE, name: "Pseudo", locale: "fr-FR" }]));
  for (const file of readdirSync(source).filter((name) => name.endsWith(".json"))) {
    const messages = JSON.parse(readFileSync(new URL(file, source), "utf8")) as Record<string, string>;
    const pseudo = Object.fromEntries(Object.entries(messages).map(([key, text]) => [key, KEPT.test(key) ? text : pseudoMessage(text)]));
    writeFileSync(join(root, REFERENCE_LANGUAGE, file), JSON.stringify(pseudo));
  }
  return Catalog.load(pathToFileURL(`${root}/`));
}

/** What is left of a reply once every ⟦…⟧ (nested ones included) is taken out. */
export function outsidePseudo(text: string): string {
  let depth = 0;
  let out = "";
  for (const character of text) {
    if (character === OPEN) depth += 1;
    else if (character === CLOSE) depth = Math.max(0, depth - 1);
    else if (depth === 0) out += character;
  }
  return out;
}

// Command names, argument choices and option keys are identifiers, not prose: they may show outside ⟦…⟧.
const identifiers = [...new CommandRegistry(allCommands).commands.flatMap((command) => [
  ...command.texts.everyName(),
  ...[...command.args, ...command.options].flatMap((arg) => (arg.kind === "choice" ? arg.choices : [])),
  ...command.options.flatMap((option) => option.keys),
])].sort((a, b) => b.length - a.length);

/**
 * What a reply shows outside ⟦…⟧ besides Markdown punctuation, whitespace, numbers, identifiers and
 * the values a case allows (words typed, settings, Intl's dates): text that is not in the catalog.
 */
export function leftover(text: string, allowed: readonly string[] = [], matching: readonly RegExp[] = []): string {
  let rest = outsidePseudo(text);
  for (const pattern of matching) rest = rest.replace(pattern, " ");
  // Names of several words first: a word typed ("!aide agenda") must not split "!agenda ajouter".
  for (const name of identifiers.filter((identifier) => identifier.includes(" "))) rest = rest.split(name).join(" ");
  // Then longest first, names and values together: the word "!annonce" typed must not eat into "!annonces".
  for (const value of [...identifiers, ...allowed].sort((a, b) => b.length - a.length)) rest = rest.split(value).join(" ");
  // Numbers are placeholder values (counts, versions, durations).
  return rest.replace(/[\s\p{P}\p{S}\p{N}]/gu, "");
}
