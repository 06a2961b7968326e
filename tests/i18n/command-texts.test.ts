import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { allCommands } from "../../commands/index.ts";
import { aide } from "../../commands/general/aide.ts";
import { Catalog, catalog, useCatalog } from "../../src/i18n/catalog.ts";
import type { Language } from "../../src/i18n/language.ts";
import { usageOf } from "../../src/dispatch/help.ts";
import { CommandRegistry } from "../../src/dispatch/registry.ts";

// Language is still the union of the shipped codes (src/config/schema.ts says why).
const de = "de" as Language;

/** Minou's catalogs plus a language "de" whose files hold only what `german` gives. */
function withGerman(german: Record<string, string>): Catalog {
  const root = mkdtempSync(join(tmpdir(), "minou-de-"));
  const languages = [...catalog.languages, { code: "de", name: "Deutsch", locale: "de-DE" }];
  writeFileSync(join(root, "languages.json"), JSON.stringify(languages));
  for (const { code } of catalog.languages) cpSync(new URL(`../../locales/${code}/`, import.meta.url), join(root, code), { recursive: true });
  mkdirSync(join(root, "de"));
  writeFileSync(join(root, "de", "general.json"), JSON.stringify(german));
  return Catalog.load(pathToFileURL(`${root}/`));
}

describe("command texts from the catalog", () => {
  let original: Catalog | undefined;
  afterEach(() => {
    if (original !== undefined) useCatalog(original);
  });

  it("reads names, summary, details and labels in each language", () => {
    expect(aide.texts.names("fr")).toEqual(["aide"]);
    expect(aide.texts.names("en")).toEqual(["help"]);
    expect(aide.texts.summary("en")).toBe("what Minou can do");
    expect(usageOf(aide, "fr", "!")).toBe("!aide [thème ou commande]");
    expect(aide.texts.details("fr")).toContain("`!aide agenda`");
  });

  it("gives a language that did not translate a command its French names, and keeps the others reachable", () => {
    original = useCatalog(withGerman({ "general.aide.names": "hilfe", "general.aide.summary": "was Minou kann" }));
    const registry = new CommandRegistry(allCommands);
    expect(aide.texts.names(de)).toEqual(["hilfe"]);
    expect(aide.texts.summary(de)).toBe("was Minou kann");
    expect(aide.texts.details(de)).toContain("`!aide agenda`");
    const langue = registry.find("langue");
    expect(langue?.texts.names(de)).toEqual(["langue"]);
    for (const name of ["aide", "help", "hilfe"]) expect(registry.find(name)?.id, name).toBe("aide");
  });
});
