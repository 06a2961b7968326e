import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { catalog, compileMessage, plainText, REFERENCE_LANGUAGE, t } from "../../src/i18n/catalog.ts";
import { isLanguage, localeOf } from "../../src/i18n/language.ts";
import { code, md } from "../../src/render/markdown.ts";
import { GENERATED, messageParametersSource } from "../../scripts/catalog-types.ts";

const locales = new URL("../../locales/", import.meta.url);
const read = (language: string, file: string): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`${language}/${file}`, locales), "utf8")) as Record<string, string>;
const areaFiles = readdirSync(new URL(`${REFERENCE_LANGUAGE}/`, locales)).filter((name) => name.endsWith(".json"));
const shipped = catalog.languages.map((language) => language.code);

/** Each placeholder with how the message uses it ("count:number"), sorted. */
function placeholders(message: string): string[] {
  return [...compileMessage(message, "fr").placeholders].map(([name, use]) => `${name}:${use}`).sort();
}

describe("locales/languages.json", () => {
  it("lists French first, each language with its name and BCP 47 locale", () => {
    expect(shipped[0]).toBe("fr");
    expect(localeOf("fr")).toBe("fr-FR");
    expect(localeOf("en")).toBe("en-GB");
    expect(isLanguage("en")).toBe(true);
    expect(isLanguage("de")).toBe(false);
    for (const language of catalog.languages) expect(() => new Intl.Locale(language.locale), language.code).not.toThrow();
  });
});

describe.each(shipped)("catalog %s", (language) => {
  it("has exactly the area files of the French one", () => {
    expect(readdirSync(new URL(`${language}/`, locales)).filter((name) => name.endsWith(".json")).sort()).toEqual([...areaFiles].sort());
  });

  it.each(areaFiles)("%s has every French key and no other (nothing falls back to French)", (file) => {
    expect(Object.keys(read(language, file)).sort()).toEqual(Object.keys(read(REFERENCE_LANGUAGE, file)).sort());
  });

  it.each(areaFiles)("%s: every message parses as ICU and uses the French placeholders, no others", (file) => {
    const french = read(REFERENCE_LANGUAGE, file);
    for (const [key, message] of Object.entries(read(language, file))) {
      expect(() => placeholders(message), key).not.toThrow();
      expect(placeholders(message), key).toEqual(placeholders(french[key] ?? ""));
    }
  });

  it.each(areaFiles)("%s: keys start with the area's name; no \"(s)\" plural; no ICU quoting apostrophe", (file) => {
    const area = file.replace(/\.json$/u, "");
    for (const [key, message] of Object.entries(read(language, file))) {
      expect(key.startsWith(`${area}.`), key).toBe(true);
      expect(message, key).not.toMatch(/\(s\)/u);
      // In ICU an apostrophe before { } or # starts a quoted literal: write ’ there instead.
      expect(message, key).not.toMatch(/'[{}#|]/u);
    }
  });
});

describe("src/i18n/message-parameters.ts", () => {
  it("is generated from the French catalog (run npm run i18n:types)", () => {
    expect(readFileSync(GENERATED, "utf8")).toBe(messageParametersSource());
  });
});

describe("t() and plainText()", () => {
  it("escapes plain string values as md does, lets Markdown values and numbers through", () => {
    const given = "*gras* [lien](x)";
    const text = t("fr", "runtime.missingArgument", { label: given, usage: code("!langue <fr|en>") });
    expect(text.source).toBe(md`Il manque « ${given} ». Utilisation : ${code("!langue <fr|en>")}`.source);
  });

  it("chooses plurals through ICU, in each language", () => {
    expect(plainText("fr", "runtime.floodWarning", { seconds: 1 })).toContain("une pause d'une seconde");
    expect(plainText("fr", "runtime.floodWarning", { seconds: 60 })).toContain("une pause de 60 secondes");
    expect(plainText("en", "runtime.floodWarning", { seconds: 1 })).toContain("for one second");
  });

  it("compares select values as given, not escaped", () => {
    expect(plainText("fr", "runtime.notAllowed", { command: "!annonce", level: "staff" })).toContain("adressez-vous à l'équipe du centre");
    expect(plainText("fr", "runtime.notAllowed", { command: "!langue", level: "moderator" })).not.toContain("équipe du centre.");
  });

  it("says it in French for a language that lacks the key or is unknown", () => {
    expect(catalog.plain("xx", "runtime.group.polls")).toBe("Sondages");
  });

  it("refuses a value the message has no placeholder for (a misspelt name), at compile time too", () => {
    // @ts-expect-error: the placeholder is {reference}
    expect(() => t("fr", "runtime.internalError", { referense: "abc" })).toThrow(/referense/u);
  });

  it("refuses a misspelt key at compile time", () => {
    // @ts-expect-error: not a key of locales/fr/*.json
    expect(() => t("fr", "runtime.nope")).toThrow(/runtime\.nope/u);
  });
});
