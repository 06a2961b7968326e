import { describe, expect, it } from "vitest";
import { cutText, cutToBudget, excerpt, graphemeCount } from "../../src/render/cut-text.ts";

/** A lone surrogate: half of a character outside the BMP, which the homeserver cannot take. */
const hasLoneSurrogate = (text: string): boolean => /[\uD800-\uDFFF]/u.test(text);

describe("cutText", () => {
  it("counts characters as people see them: an emoji, a flag, a letter with its accent are one each", () => {
    expect(graphemeCount("a👍🏽🇫🇷e\u0301👨‍👩‍👧")).toBe(5);
  });

  it("keeps a text of at most the limit whole, even when the emoji make it longer in UTF-16", () => {
    const name = `${"a".repeat(199)}🐈`;
    expect(name.length).toBe(201);
    expect(cutText(name, 200)).toBe(name);
  });

  it("cuts between characters, never inside a surrogate pair or a cluster, and says so with …", () => {
    const cut = cutText(`${"a".repeat(198)}🐈👩🏽‍🌾b`, 200);
    expect(cut).toBe(`${"a".repeat(198)}🐈…`);
    const clusters = cutText("👩🏽‍🌾".repeat(300), 200);
    expect(hasLoneSurrogate(clusters)).toBe(false);
    expect(clusters).toBe(`${"👩🏽‍🌾".repeat(199)}…`);
    expect(graphemeCount(clusters)).toBe(200);
  });

  it("bounds the size of characters piling up combining marks", () => {
    const cluster = `e${"\u0301".repeat(100)}`;
    // 16 UTF-16 units a character on average: 320 for 20, so three of these and the ellipsis.
    expect(cutText(cluster.repeat(50), 20)).toBe(`${cluster.repeat(3)}…`);
  });
});

describe("excerpt", () => {
  it("quotes a long input on one line, 80 characters at most", () => {
    const quoted = excerpt(`premier\n\nsecond ${"🐈".repeat(200)}`);
    expect(quoted.startsWith("premier second 🐈")).toBe(true);
    expect(graphemeCount(quoted)).toBe(80);
    expect(quoted.endsWith("🐈…")).toBe(true);
    expect(hasLoneSurrogate(quoted)).toBe(false);
    expect(excerpt("  court  ")).toBe("court");
  });
});

describe("cutToBudget", () => {
  it("keeps whole characters within the budget, ending at a line break near the end", () => {
    const bytes = (character: string): number => Buffer.byteLength(character);
    expect(cutToBudget("🐈🐈🐈", 9, bytes)).toBe("🐈🐈");
    const lines = `${"x".repeat(90)}\n${"y".repeat(20)}`;
    expect(cutToBudget(lines, 100, bytes)).toBe("x".repeat(90));
    // A line break far from the end would lose too much: the cut is then between characters.
    expect(cutToBudget(`x\n${"y".repeat(200)}`, 100, bytes)).toBe(`x\n${"y".repeat(98)}`);
    expect(cutToBudget("court", 100, bytes)).toBe("court");
  });
});

describe("long texts", () => {
  it("are segmented piece by piece into the same characters as a whole, quickly", () => {
    const mixed = ["Où trouver le pad ? ", "👩🏽‍🌾", "🇫🇷🇧🇪", "e\u0301", "한국어", "\r\n", "Привет", "1️⃣", "漢字", "— « ok » …", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "ab"];
    const text = Array.from({ length: 3000 }, (_, index) => mixed[(index * 7) % mixed.length]).join("");
    const whole = [...new Intl.Segmenter("fr", { granularity: "grapheme" }).segment(text.slice(0, 4000))].length;
    expect(graphemeCount(text.slice(0, 4000))).toBe(whole);
    const started = performance.now();
    expect(graphemeCount("a🐈 é".repeat(15_000))).toBe(60_000);
    // Segmented whole, this text takes V8 (Node 20) about ten seconds.
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
