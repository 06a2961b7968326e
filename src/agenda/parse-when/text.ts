/** Half-open range of UTF-16 positions in the text as typed. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

const TYPOGRAPHIC: Readonly<Record<string, string>> = {
  "\u2019": "'",
  "\u2018": "'",
  "\u02bc": "'",
  "\u00a0": " ",
  "\u202f": " ",
  "\u2009": " ",
  "\u2013": "-",
  "\u2014": "-",
  "\u2010": "-",
  "\u2011": "-",
};

/**
 * Phones type "aujourd’hui" and "20h–22h"; the parsers only know the ASCII forms. One character in,
 * one character out, so positions found in the result are positions in the original.
 */
export function plainPunctuation(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const unit = text.charAt(i);
    out += TYPOGRAPHIC[unit] ?? unit;
  }
  return out;
}

/**
 * Lower-case, accent-free copy of the text with exactly the same length (unlike `fold` from the
 * dispatcher, which may turn "œ" into two letters), so regex matches map straight back to the
 * text as typed and the title keeps its accents and case.
 */
export function foldSameLength(text: string): string {
  const plain = plainPunctuation(text);
  let out = "";
  for (let i = 0; i < plain.length; i++) {
    const unit = plain.charAt(i);
    const folded = unit.normalize("NFD").charAt(0).toLowerCase().charAt(0);
    out += folded === "" ? unit : folded;
  }
  return out;
}

/** Replaces each span by `replacement` padded with spaces to the span's length. */
export function overwrite(text: string, span: Span, replacement: string): string {
  const length = span.end - span.start;
  const filler = replacement.slice(0, length).padEnd(length, " ");
  return text.slice(0, span.start) + filler + text.slice(span.end);
}

export function blank(text: string, span: Span): string {
  return overwrite(text, span, "");
}

/** Ends of whitespace-separated words, in order: the places where a date phrase may stop. */
export function wordEnds(text: string): number[] {
  const ends: number[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    ends.push(match.index + match[0].length);
  }
  return ends;
}

/** A regex anchored at `lastIndex` whose match must start and end on word boundaries (accents count as letters). */
export function wordPattern(body: string): RegExp {
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${body})(?![\p{L}\p{N}])`, "uy");
}

export function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

const SMALL_NUMBERS: Readonly<Record<string, number>> = {
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  douze: 12,
  quinze: 15,
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
};

/** Regex alternatives for the small numbers members write in words. */
export const NUMBER_WORDS = "\\d{1,3}|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|an?|one|two|three|four|five|seven|eight|nine|ten|twelve";

export function numberFrom(word: string | undefined): number {
  if (word === undefined) return 1;
  return /^\d+$/.test(word) ? Number(word) : (SMALL_NUMBERS[word] ?? 1);
}

/** Text with each run of whitespace made one space, and where each remaining character came from. */
export interface Compacted {
  readonly text: string;
  readonly origin: readonly number[];
}

/**
 * chrono reads "February" followed by a long run of spaces (left by a blanked "all day") as a
 * month-and-year; blanks must look like the single spaces members type.
 */
export function compactWhitespace(text: string): Compacted {
  let out = "";
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const space = /\s/.test(char);
    if (space && (out === "" || out.endsWith(" "))) continue;
    out += space ? " " : char;
    origin.push(i);
  }
  if (out.endsWith(" ")) {
    out = out.slice(0, -1);
    origin.pop();
  }
  return { text: out, origin };
}

/** The span in the original text of `compacted.text.slice(start, end)`. */
export function originalSpan(compacted: Compacted, start: number, end: number): Span {
  return { start: compacted.origin[start] ?? 0, end: (compacted.origin[end - 1] ?? 0) + 1 };
}
