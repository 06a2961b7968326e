/**
 * Cutting text people wrote without breaking what they see as one character. A cut falls between
 * grapheme clusters (an emoji with its skin tone, a flag, a letter with its accents), so never
 * inside a UTF-16 surrogate pair: half an emoji is not valid Unicode, and the homeserver answers
 * 500 to it. A cut says so with "…". Lengths given to people are counted the same way.
 */
export const ELLIPSIS = "…";

const segmenter = new Intl.Segmenter("fr", { granularity: "grapheme" });

/**
 * The grapheme clusters of `text`, with their index. V8's segment iterator (Node 20) takes time
 * in proportion to the whole text at each step, which makes a long text take seconds: so the text
 * is segmented in pieces of about PIECE units, split where UAX #29 always puts a boundary, which
 * gives the same clusters.
 */
function* graphemes(text: string): Generator<{ readonly index: number; readonly segment: string }> {
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + PIECE, text.length);
    while (end < text.length && !alwaysBoundary(text, end)) end += 1;
    for (const { index, segment } of segmenter.segment(text.slice(start, end))) yield { index: start + index, segment };
    start = end;
  }
}

const PIECE = 128;

/**
 * UAX #29 breaks after a line feed (GB4) and between two characters that no rule joins: those of
 * these ranges are neither Extend, ZWJ, SpacingMark, Prepend, Regional_Indicator nor Hangul jamo
 * (ASCII and Latin-1, Latin Extended-A/B, Greek, Cyrillic letters, dashes and quotes, CJK
 * ideographs, Hangul syllables). Elsewhere (emoji, marks, other scripts) no piece is cut.
 */
function alwaysBoundary(text: string, index: number): boolean {
  const before = text.charCodeAt(index - 1);
  return before === 0x0a || (isPlain(before) && isPlain(text.charCodeAt(index)));
}

const PLAIN_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], [0xa0, 0x24f], [0x370, 0x3ff], [0x400, 0x482], [0x48a, 0x4ff], [0x2010, 0x2027], [0x202f, 0x202f], [0x4e00, 0x9fff], [0xac00, 0xd7a3],
];

function isPlain(unit: number): boolean {
  return PLAIN_RANGES.some(([low, high]) => unit >= low && unit <= high);
}

/**
 * One cluster may carry any number of combining marks: a cut text also stays under this many
 * UTF-16 units per grapheme allowed, so its size is bounded whatever it holds.
 */
const MAX_UNITS_PER_GRAPHEME = 16;

/** How many characters a person sees in `text` (grapheme clusters, not UTF-16 units). */
export function graphemeCount(text: string): number {
  let count = 0;
  for (const _ of graphemes(text)) count += 1;
  return count;
}

/** `text` when it has at most `max` characters, else its start and "…", `max` characters in all. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const maxUnits = max * MAX_UNITS_PER_GRAPHEME;
  let count = 0;
  let kept = 0;
  for (const { index, segment } of graphemes(text)) {
    count += 1;
    const end = index + segment.length;
    if (count > max || end > maxUnits) return `${text.slice(0, kept).trimEnd()}${ELLIPSIS}`;
    // Room is left for the ellipsis, one character and one unit.
    if (count < max && end < maxUnits) kept = end;
  }
  return text;
}

/** A short quote of what a member typed, on one line: never more than `max` characters. */
export function excerpt(text: string, max = 80): string {
  return cutText(text.replace(/\s+/gu, " ").trim(), max);
}

/**
 * The longest start of `text`, in whole characters, whose `cost` (summed per character) stays
 * within `budget`; it ends at a line break when one falls in the last quarter of what fits.
 * Nothing is added: the caller says that it was cut.
 */
export function cutToBudget(text: string, budget: number, cost: (character: string) => number): string {
  let spent = 0;
  let end = 0;
  for (const { index, segment } of graphemes(text)) {
    spent += cost(segment);
    if (spent > budget) break;
    end = index + segment.length;
  }
  if (end === text.length) return text;
  const kept = text.slice(0, end);
  const lineBreak = kept.lastIndexOf("\n");
  return lineBreak >= (end * 3) / 4 ? kept.slice(0, lineBreak).trimEnd() : kept.trimEnd();
}
