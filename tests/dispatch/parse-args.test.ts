import { describe, expect, it } from "vitest";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { parseArgs } from "../../src/dispatch/parse-args.ts";
import { tokenize } from "../../src/dispatch/tokenize.ts";
import { md } from "../../src/render/markdown.ts";

const label = { fr: "x", en: "x" };
const training = defineCommand({
  names: { fr: ["essai"], en: ["try"] },
  group: "general",
  summary: label,
  args: [
    { name: "mode", kind: "choice", choices: ["privé", "public"], label },
    { name: "count", kind: "integer", min: 1, max: 20, label, optional: true },
    { name: "title", kind: "text", label, optional: true },
  ],
  options: [
    { name: "places", keys: ["places", "seats"], kind: "integer", min: 1, label },
    { name: "lieu", keys: ["lieu", "place"], kind: "word", label },
  ],
  permission: "member",
  execute: () => reply(md`ok`),
});

function parse(line: string) {
  return parseArgs(training, tokenize(line), line);
}

describe("parseArgs", () => {
  it("reads choices without regard to accents or case, integers, and the rest of the line as typed", () => {
    const line = "PRIVE 3 Initiation  Nextcloud\n— deuxième ligne";
    expect(parse(line)).toEqual({
      ok: true,
      args: { mode: "privé", count: 3, title: "Initiation  Nextcloud\n— deuxième ligne", places: undefined, lieu: undefined },
    });
  });

  it("reads clé:valeur options anywhere, by any of their keys, quoted values included", () => {
    expect(parse('public seats:12 lieu:"Salle 2"')).toMatchObject({ ok: true, args: { mode: "public", places: 12, lieu: "Salle 2" } });
  });

  it("leaves unknown key:value words, such as times and links, to the positional arguments", () => {
    expect(parse("public 2 18:30 https://pad.exemple.fr")).toMatchObject({
      ok: true,
      args: { title: "18:30 https://pad.exemple.fr" },
    });
  });

  it("explains what does not fit", () => {
    expect(parse("")).toMatchObject({ ok: false, problem: { kind: "missing" } });
    expect(parse("secret")).toMatchObject({ ok: false, problem: { kind: "notAChoice", given: "secret" } });
    expect(parse("public deux")).toMatchObject({ ok: true, args: { count: undefined, title: "deux" } });
    expect(parse("public 99")).toMatchObject({ ok: false, problem: { kind: "outOfRange", given: "99" } });
    expect(parse("public places:beaucoup")).toMatchObject({ ok: false, problem: { kind: "notInteger", given: "beaucoup" } });
    expect(parse("public places:2 seats:3")).toMatchObject({ ok: false, problem: { kind: "duplicateOption", key: "seats" } });
  });

  it("refuses numbers too big to read exactly, as typed, like any other impossible value", () => {
    // Beyond Number.MAX_SAFE_INTEGER a number is rounded: 9007199254740993 would read 9007199254740992.
    expect(parse("public 99999999999999999999")).toMatchObject({ ok: false, problem: { kind: "outOfRange", given: "99999999999999999999" } });
    expect(parse("public seats:9007199254740993")).toMatchObject({ ok: false, problem: { kind: "outOfRange", given: "9007199254740993" } });
    expect(parse("public seats:9007199254740991")).toMatchObject({ ok: true, args: { places: 9007199254740991 } });
  });

  it("refuses words beyond the last argument", () => {
    const noText = defineCommand({ names: { fr: ["essai"], en: ["try"] }, group: "general", summary: label, args: [{ name: "mode", kind: "choice", choices: ["a"], label }], permission: "member", execute: () => reply(md`ok`) });
    expect(parseArgs(noText, tokenize("a b"), "a b")).toMatchObject({ ok: false, problem: { kind: "tooMany", given: "b" } });
  });
});
