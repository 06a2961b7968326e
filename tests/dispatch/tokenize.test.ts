import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/dispatch/tokenize.ts";

const words = (line: string): string[] => tokenize(line).map((token) => token.text);

describe("tokenize", () => {
  it("splits on spaces and keeps French and English quotes together", () => {
    expect(words('sondage "Quand se voir ?" «Lundi soir» “mardi” „jeudi“')).toEqual([
      "sondage",
      "Quand se voir ?",
      "Lundi soir",
      "mardi",
      "jeudi",
    ]);
  });

  it("keeps apostrophes inside words and quotes inside options", () => {
    expect(words(`ajouter l'assemblée lieu:"Salle 2" places:10`)).toEqual(["ajouter", "l'assemblée", "lieu:Salle 2", "places:10"]);
  });

  it("marks quoted words, and records where each word stands", () => {
    const tokens = tokenize('aide  "langue"');
    expect(tokens.map((token) => token.quoted)).toEqual([false, true]);
    expect(tokens[1]).toMatchObject({ start: 6, end: 14 });
  });

  it("reads an unclosed quote as a plain character", () => {
    expect(words('dit "bonjour')).toEqual(["dit", '"bonjour']);
  });
});
