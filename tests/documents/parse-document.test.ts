import { describe, expect, it } from "vitest";
import { parseDocumentInput, parseTags, parseTitle, parseUrl } from "../../src/documents/parse-document.ts";

describe("parseDocumentInput (!docs ajouter)", () => {
  it("reads the title (spaces kept), the link, and the #tags at the end", () => {
    expect(parseDocumentInput("Compte rendu  du bureau https://pad.tilleuls.fr/p/bureau #Bureau #2026 #bureau")).toEqual({
      ok: true,
      title: "Compte rendu du bureau",
      url: "https://pad.tilleuls.fr/p/bureau",
      tags: ["bureau", "2026"],
    });
    expect(parseDocumentInput('"Réunion #3" https://pad.tilleuls.fr/p/r3')).toMatchObject({ ok: true, title: "Réunion #3", tags: [] });
    expect(parseDocumentInput("Notes: https://pad.tilleuls.fr/p/n")).toMatchObject({ ok: true, title: "Notes:" });
  });

  it("finds the link anywhere in the line, the title being the rest", () => {
    expect(parseDocumentInput("https://pad.exemple.org/p/cr Compte rendu AG")).toEqual({ ok: true, title: "Compte rendu AG", url: "https://pad.exemple.org/p/cr", tags: [] });
    expect(parseDocumentInput("https://pad.exemple.org/p/cr Compte rendu  v2.0 #ag")).toEqual({ ok: true, title: "Compte rendu v2.0", url: "https://pad.exemple.org/p/cr", tags: ["ag"] });
    expect(parseDocumentInput("Compte rendu https://pad.exemple.org/p/cr de l'AG")).toMatchObject({ ok: true, title: "Compte rendu de l'AG", url: "https://pad.exemple.org/p/cr" });
    expect(parseDocumentInput("pad.exemple.org/p/cr Compte rendu")).toEqual({ ok: false, problem: { kind: "noScheme", suggestion: "https://pad.exemple.org/p/cr" } });
  });

  it("says what is wrong when the pieces are missing", () => {
    expect(parseDocumentInput("Budget 2026")).toEqual({ ok: false, problem: { kind: "missingUrl" } });
    expect(parseDocumentInput("https://cloud.tilleuls.fr/s/x #compta")).toEqual({ ok: false, problem: { kind: "missingTitle" } });
    expect(parseDocumentInput("Budget https://cloud.tilleuls.fr/s/x #compta/2026")).toEqual({ ok: false, problem: { kind: "badTag", tag: "#compta/2026" } });
  });
});

describe("parseUrl", () => {
  it("keeps http(s) links, normalised", () => {
    expect(parseUrl("HTTPS://Cloud.Tilleuls.FR/s/Ab12")).toEqual({ ok: true, url: "https://cloud.tilleuls.fr/s/Ab12" });
    expect(parseUrl("https://cryptpad.fr/pad/#/2/pad/edit/Kx9/")).toEqual({ ok: true, url: "https://cryptpad.fr/pad/#/2/pad/edit/Kx9/" });
  });

  it("refuses other schemes, bare host names, passwords and overlong links", () => {
    expect(parseUrl("ftp://fichiers.tilleuls.fr/a")).toEqual({ ok: false, problem: { kind: "notHttp", scheme: "ftp" } });
    expect(parseUrl("javascript:alert(1)")).toEqual({ ok: false, problem: { kind: "notHttp", scheme: "javascript" } });
    expect(parseUrl("pad.tilleuls.fr/p/x")).toEqual({ ok: false, problem: { kind: "noScheme", suggestion: "https://pad.tilleuls.fr/p/x" } });
    expect(parseUrl("https://camille:secret@cloud.tilleuls.fr/")).toEqual({ ok: false, problem: { kind: "credentials" } });
    expect(parseUrl("https://")).toEqual({ ok: false, problem: { kind: "badUrl" } });
    const long = `https://pad.tilleuls.fr/${"a".repeat(1980)}`;
    expect(parseUrl(long.slice(0, 2000))).toMatchObject({ ok: true });
    expect(parseUrl(long)).toEqual({ ok: false, problem: { kind: "urlTooLong", length: long.length } });
    // Percent-encoding lengthens it beyond the limit.
    expect(parseUrl(`https://pad.tilleuls.fr/${"é".repeat(1000)}`)).toMatchObject({ ok: false, problem: { kind: "urlTooLong" } });
  });
});

describe("parseTitle and parseTags", () => {
  it("trims quotes and limits the title to 200 characters", () => {
    expect(parseTitle("« Budget »")).toEqual({ ok: true, title: "Budget" });
    expect(parseTitle("x".repeat(200))).toMatchObject({ ok: true });
    expect(parseTitle("x".repeat(201))).toEqual({ ok: false, problem: { kind: "titleTooLong", length: 201 } });
    expect(parseTitle('""')).toEqual({ ok: false, problem: { kind: "missingTitle" } });
  });

  it("lower-cases tags, accepts them with or without #, at most 10", () => {
    expect(parseTags(["#Compta", "Équipe", "#compta"])).toEqual({ ok: true, tags: ["compta", "équipe"] });
    expect(parseTags(Array.from({ length: 11 }, (_, index) => `#t${index}`))).toEqual({ ok: false, problem: { kind: "tooManyTags" } });
    expect(parseTags(["#"])).toEqual({ ok: false, problem: { kind: "badTag", tag: "#" } });
  });
});
