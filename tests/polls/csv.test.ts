import { describe, expect, it } from "vitest";
import { toCsv } from "../../src/polls/csv.ts";

describe("toCsv", () => {
  it("starts with a UTF-8 BOM and round-trips accents", () => {
    const csv = toCsv([["Réponse", "Voix"], ["Mercredi après-midi", 3]]);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString("utf8")).toBe("\uFEFFRéponse,Voix\r\nMercredi après-midi,3\r\n");
  });

  it("quotes fields holding separators, quotes or line breaks, doubling the quotes", () => {
    const text = toCsv([["a,b", "c;d", 'dit "oui"', "deux\nlignes", "cr\rseul", "simple"]]).toString("utf8");
    expect(text).toBe('\uFEFF"a,b","c;d","dit ""oui""","deux\nlignes","cr\rseul",simple\r\n');
  });

  it("neutralises cells that a spreadsheet would run as formulas, but not numbers", () => {
    const cells = ["=1+1", "+33 6", "-2", "@SUM(A1)", "\tx", "\rx", "a=b"];
    const text = toCsv([cells, [-2, 0]]).toString("utf8");
    expect(text).toBe("\uFEFF'=1+1,'+33 6,'-2,'@SUM(A1),'\tx,\"'\rx\",a=b\r\n-2,0\r\n");
  });

  it("writes an empty file as just the BOM", () => {
    expect(toCsv([]).toString("utf8")).toBe("\uFEFF");
  });
});
