import { Lexer, type Token } from "marked";
import { describe, expect, it } from "vitest";
import { markdownNesting } from "../../src/render/markdown-nesting.ts";

const NESTING_TOKENS = new Set(["blockquote", "list_item", "em", "strong", "del", "link", "image"]);

/** How deeply marked's own tokens nest, walked with a stack of our own (small inputs only). */
function markedNesting(source: string): number {
  let deepest = 0;
  const pending: { token: Token; depth: number }[] = new Lexer({ gfm: true, breaks: true }).lex(source).map((token) => ({ token, depth: 0 }));
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const depth = next.depth + (NESTING_TOKENS.has(next.token.type) ? 1 : 0);
    deepest = Math.max(deepest, depth);
    const token = next.token as Token & { tokens?: Token[]; items?: Token[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
    const children = [...(token.tokens ?? []), ...(token.items ?? []), ...(token.header ?? []).flatMap((cell) => cell.tokens), ...(token.rows ?? []).flat().flatMap((cell) => cell.tokens)];
    pending.push(...children.map((child) => ({ token: child, depth })));
  }
  return deepest;
}

describe("markdownNesting", () => {
  it("counts each block quote, list item and emphasis inside another", () => {
    expect(markdownNesting("Bonjour")).toBe(0);
    expect(markdownNesting("> > > citation")).toBe(3);
    expect(markdownNesting(">>>> citation")).toBe(4);
    expect(markdownNesting("- - - point")).toBe(3);
    expect(markdownNesting("1. un\n   - a\n     > citation")).toBe(3);
    expect(markdownNesting("- a\n  - b\n    - c\n      - d\n- e")).toBe(4);
    expect(markdownNesting("> - a\n>   - b")).toBe(3);
    expect(markdownNesting("*a **b ***c*** b** a*")).toBe(4);
    expect(markdownNesting("> **gras** et [lien *penché*](https://exemple.fr)")).toBe(3);
  });

  it("measures what a moderator writes as shallow", () => {
    const answer = [
      "Le pad est dans les **documents** : tapez `!docs`, ou voir [le site](https://exemple.fr/pad_du_centre).",
      "",
      "- Le *lundi* : salle 2",
      "  - de 9h à 12h",
      "- Le mardi : 5 * 3 = 15, fichier_partagé_2024.ods",
      "",
      "> Astuce : ~~l'ancien lien~~ ne marche plus.",
      "",
      "* * *",
      "```",
      "> > > > > > > > > > > > collé tel quel",
      "```",
      "    - - - - - - - - - - - - du code indenté",
    ].join("\n");
    expect(markdownNesting(answer)).toBe(2);
  });

  it("does not count thematic breaks, escapes, code spans or emphasis left open", () => {
    expect(markdownNesting("* * *\n- - - -\n___")).toBe(0);
    expect(markdownNesting("\\> \\- \\*pas\\* de la mise en forme")).toBe(0);
    expect(markdownNesting("`**[*a*]**`")).toBe(0);
    expect(markdownNesting("*note\n*autre note\n*encore")).toBe(0);
  });

  it("is never below the nesting of marked's own tokens", () => {
    const samples = [
      "- a\n- b\n  - c\n    - d", "***fort et italique***", "**a *b* c**", "- * * *", "> - > - x", "******a******",
      "_a_ __b__ ___c___", "> - a\n>   - b\n>     - c", "- a\n\n  b *c*\n\n- d", "| a | *b* |\n| - | - |\n| **c** | d |",
      "![*image*](https://exemple.fr/i.png)", "1) un\n2) deux\n   1) a", "> > a\n> > > b\n> c", "~~barré *et penché*~~",
    ];
    for (const sample of samples) expect(markdownNesting(sample), sample).toBeGreaterThanOrEqual(markedNesting(sample));
  });

  it("reads 20,000 characters of deep nesting at once, in a single pass", () => {
    const started = performance.now();
    expect(markdownNesting(">".repeat(20_000))).toBe(20_000);
    expect(markdownNesting(`${"- ".repeat(10_000)}x`)).toBe(10_000);
    expect(markdownNesting(`${"*a ".repeat(3_000)}x${" b*".repeat(3_000)}`)).toBe(3_000);
    expect(markdownNesting("`a ".repeat(7_000))).toBe(0);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
