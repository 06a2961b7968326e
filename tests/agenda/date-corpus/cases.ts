/**
 * The date corpus: phrasings as volunteers type them in a chat, each with what a French speaker
 * means by it. Wall times are in Paris; all-day events give their first and last day.
 */
export type Expected =
  | { readonly kind: "timed"; readonly start: string; readonly end: string | null; readonly title: string; readonly rrule: string | null }
  | { readonly kind: "days"; readonly first: string; readonly last: string; readonly title: string }
  /** Ambiguous or only partly understood: Minou must show what it read and ask. */
  | { readonly kind: "ask" }
  /** Past, impossible or not a date: refused with an explanation. */
  | { readonly kind: "refuse" };

export interface CorpusCase {
  readonly text: string;
  readonly expected: Expected;
}

export interface CorpusGroup {
  /** "now", a Paris wall time. */
  readonly now: string;
  readonly cases: readonly CorpusCase[];
}

export interface Family {
  readonly name: string;
  readonly groups: readonly CorpusGroup[];
}

/** Starts at `start`, default length, title left over. */
export const at = (text: string, start: string, title: string): CorpusCase => ({
  text,
  expected: { kind: "timed", start, end: null, title, rrule: null },
});

export const span = (text: string, start: string, end: string, title: string): CorpusCase => ({
  text,
  expected: { kind: "timed", start, end, title, rrule: null },
});

export const every = (text: string, start: string, rrule: string, title: string): CorpusCase => ({
  text,
  expected: { kind: "timed", start, end: null, title, rrule },
});

export const days = (text: string, first: string, last: string, title: string): CorpusCase => ({
  text,
  expected: { kind: "days", first, last, title },
});

export const ask = (text: string): CorpusCase => ({ text, expected: { kind: "ask" } });
export const refuse = (text: string): CorpusCase => ({ text, expected: { kind: "refuse" } });

/** Friday 19 March 2027, 10:00: the reference of issue 11. */
export const FRIDAY = "2027-03-19 10:00";
/** Friday 26 March 2027: clocks go forward on Sunday 28 March. */
export const SPRING = "2027-03-26 10:00";
/** Friday 29 October 2027: clocks go back on Sunday 31 October. */
export const AUTUMN = "2027-10-29 10:00";
/** Wednesday 29 December 2027: the year ends on Friday. */
export const YEAR_END = "2027-12-29 10:00";
/** Thursday 26 November 2026, the README's "now". */
export const README_NOW = "2026-11-26 10:00";
