import type { Grammar } from "./grammar.ts";
import { repeatPhraseAt, type RepeatRule } from "./recurrence.ts";
import { matchAt, NUMBER_WORDS, numberFrom, overwrite, wordPattern, type Span } from "./text.ts";

/** A calendar day as typed; `year` is null when the member left it out. */
export interface TypedDay {
  readonly year: number | null;
  readonly month: number;
  readonly day: number;
}

/** Phrases chrono does not understand (or misreads), found on the accent-folded text. */
export type Phrase =
  | { readonly kind: "repeat"; readonly span: Span; readonly rule: RepeatRule }
  | { readonly kind: "allDay"; readonly span: Span }
  | { readonly kind: "duration"; readonly span: Span; readonly minutes: number; readonly days: number }
  | { readonly kind: "untilDay"; readonly span: Span; readonly day: TypedDay }
  | { readonly kind: "untilTime"; readonly span: Span; readonly hour: number; readonly minute: number };

const FR_MONTHS: Readonly<Record<string, number>> = {
  janvier: 1, janv: 1, jan: 1, fevrier: 2, fevr: 2, fev: 2, mars: 3, mar: 3, avril: 4, avr: 4, mai: 5,
  juin: 6, juillet: 7, juil: 7, aout: 8, septembre: 9, sept: 9, sep: 9, octobre: 10, oct: 10,
  novembre: 11, nov: 11, decembre: 12, dec: 12,
};
const EN_MONTHS: Readonly<Record<string, number>> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
};

export function monthsOf(language: Grammar): Readonly<Record<string, number>> {
  return language === "fr" ? FR_MONTHS : EN_MONTHS;
}

/** Longest names first so "septembre" is not read as "sep" followed by "tembre". */
export function monthAlternatives(language: Grammar): string {
  return Object.keys(monthsOf(language))
    .sort((a, b) => b.length - a.length)
    .join("|");
}

/** The same length in, the same length out: rewrites that make chrono read what members type. */
export interface Substitution {
  readonly span: Span;
  readonly replacement: string;
}

interface SubstitutionContext {
  readonly language: Grammar;
  /** The original text with plain punctuation, for rewrites that keep the member's words. */
  readonly plain: string;
  /** "dd/mm/yyyy" of the day after tomorrow in the room's zone. */
  readonly dayAfterTomorrow: string;
}

type Rewrite = (match: RegExpExecArray, context: SubstitutionContext, at: number) => string;

function hourMinute(hours: string | undefined, minutes: string | undefined): string {
  return `${hours ?? "0"}h${minutes ?? ""}`;
}

const FRENCH_REWRITES: readonly (readonly [RegExp, Rewrite])[] = [
  [wordPattern("apres[-\\s]demain"), (_m, context) => context.dayAfterTomorrow],
  // "après-midi" is chrono's own (a vague afternoon), so only a free-standing "midi" is noon.
  [/(?<![\p{L}\p{N}-])midi(?![\p{L}\p{N}-])/uy, () => "12h"],
  [wordPattern("minuit"), () => "0h"],
  // chrono reads "20 h 30" as "20" and "18 heures" as nothing.
  // "20h 30 ans du centre" stays a title: minutes are only taken from the spaced-out forms.
  [wordPattern("(\\d{1,2})(?:\\s+h\\s*(\\d{2})?|\\s*heures?(?:\\s+(\\d{2}))?)"), (m) => hourMinute(m[1], m[2] ?? m[3])],
];

const ENGLISH_REWRITES: readonly (readonly [RegExp, Rewrite])[] = [
  [wordPattern("(?:the\\s+)?day\\s+after\\s+tomorrow"), (_m, context) => context.dayAfterTomorrow],
  [wordPattern("midday"), () => "12:00"],
  // chrono's British parser reads "June 30" as June 2030; "30 June" has the same length.
  [
    new RegExp(`(?<![\\p{L}\\p{N}])(${monthAlternatives("en")})\\.?(\\s+)(\\d{1,2}(?:st|nd|rd|th)?)(?![\\p{L}\\p{N}:])`, "uy"),
    (m, context, at) => {
      const month = context.plain.slice(at, at + (m[1] ?? "").length + (m[0].includes(".") ? 1 : 0));
      return `${m[3] ?? ""}${m[2] ?? " "}${month}`;
    },
  ],
];

export function substitutionAt(folded: string, at: number, context: SubstitutionContext): Substitution | undefined {
  for (const [pattern, rewrite] of context.language === "fr" ? FRENCH_REWRITES : ENGLISH_REWRITES) {
    const match = matchAt(pattern, folded, at);
    if (match !== null) {
      return { span: { start: at, end: at + match[0].length }, replacement: rewrite(match, context, at) };
    }
  }
  return undefined;
}

export function applySubstitutions(text: string, substitutions: readonly Substitution[]): string {
  return substitutions.reduce((result, { span, replacement }) => overwrite(result, span, replacement), text);
}

interface DurationPattern {
  readonly pattern: RegExp;
  readonly read: (match: RegExpExecArray) => { minutes: number; days: number };
}

const minutesOnly = (minutes: number) => ({ minutes, days: 0 });
const frHalf = "(\\s+et\\s+demie)?";
const FRENCH_DURATIONS: readonly DurationPattern[] = [
  {
    pattern: wordPattern(`(?:pendant|durant|duree\\s*:?)\\s+(\\d{1,2})\\s*h(?:eures?)?\\s*(?:(\\d{1,2})\\s*(?:min(?:utes?)?|mn)?)?${frHalf}`),
    read: (m) => minutesOnly(Number(m[1]) * 60 + Number(m[2] ?? 0) + (m[3] === undefined ? 0 : 30)),
  },
  {
    pattern: wordPattern("(?:pendant|durant|duree\\s*:?)\\s+(\\d{1,3})\\s*(?:min(?:utes?)?|mn)"),
    read: (m) => minutesOnly(Number(m[1])),
  },
  {
    pattern: wordPattern(`(?:pendant|durant)\\s+(une|deux|trois|quatre|cinq|six)\\s+heures?${frHalf}`),
    read: (m) => minutesOnly(numberFrom(m[1]) * 60 + (m[2] === undefined ? 0 : 30)),
  },
  { pattern: wordPattern("(?:pendant|durant)\\s+une\\s+demi[-\\s]?heure"), read: () => minutesOnly(30) },
  {
    pattern: wordPattern(`(?:pendant|durant|sur)\\s+(${NUMBER_WORDS})\\s+jours`),
    read: (m) => ({ minutes: 0, days: numberFrom(m[1]) }),
  },
];

const ENGLISH_DURATIONS: readonly DurationPattern[] = [
  {
    pattern: wordPattern("for\\s+(\\d{1,2})(?:\\.(5))?\\s*(?:h|hrs?|hours?)(?:\\s*(?:and\\s+)?(\\d{1,2})\\s*(?:m|mins?|minutes?)?)?"),
    read: (m) => minutesOnly(Number(m[1]) * 60 + (m[2] === undefined ? 0 : 30) + Number(m[3] ?? 0)),
  },
  { pattern: wordPattern("for\\s+(\\d{1,3})\\s*(?:m|mins?|minutes?)"), read: (m) => minutesOnly(Number(m[1])) },
  { pattern: wordPattern("for\\s+(?:an\\s+hour\\s+and\\s+a\\s+half|one\\s+and\\s+a\\s+half\\s+hours?)"), read: () => minutesOnly(90) },
  { pattern: wordPattern("for\\s+half\\s+an\\s+hour"), read: () => minutesOnly(30) },
  {
    pattern: wordPattern("for\\s+(an?|one|two|three|four|five|six)\\s+hours?"),
    read: (m) => minutesOnly(numberFrom(m[1]) * 60),
  },
  {
    pattern: wordPattern(`for\\s+(${NUMBER_WORDS})\\s+days?`),
    read: (m) => ({ minutes: 0, days: numberFrom(m[1]) }),
  },
];

const ALL_DAY: Readonly<Record<Grammar, RegExp>> = {
  fr: wordPattern("toute\\s+la\\s+journee|(?:la\\s+)?journee\\s+(?:entiere|complete)"),
  en: wordPattern("all[-\\s]day(?:\\s+long)?|(?:the\\s+)?whole\\s+day"),
};

const UNTIL_WORD: Readonly<Record<Grammar, string>> = {
  fr: "jusqu'\\s*(?:au|a|a\\s+la|a\\s+le)?\\s*(?:le\\s+)?",
  en: "(?:until|till|through|up\\s+to)\\s+(?:the\\s+)?",
};

function untilPatterns(language: Grammar): { day: RegExp[]; time: RegExp } {
  const months = monthAlternatives(language);
  const until = UNTIL_WORD[language];
  const suffix = language === "fr" ? "(?:er)?" : "(?:st|nd|rd|th)?";
  const slash = wordPattern(`${until}(\\d{1,2})[/.](\\d{1,2})(?:[/.](\\d{2}|\\d{4}))?`);
  const dayMonth = wordPattern(`${until}(\\d{1,2})${suffix}\\s+(${months})\\.?(?:,?\\s+(\\d{4}))?`);
  const monthDay = wordPattern(`${until}(${months})\\.?\\s+(\\d{1,2})${suffix}(?:,?\\s+(\\d{4}))?`);
  const time =
    language === "fr"
      ? wordPattern(`${until}(?:(\\d{1,2})\\s*[h:]\\s*(\\d{2})?|(midi)|(minuit))`)
      : wordPattern(`${until}(?:(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)|(\\d{1,2}):(\\d{2})|(noon|midday)|(midnight))`);
  return { day: [slash, dayMonth, monthDay], time };
}

const UNTIL = { fr: untilPatterns("fr"), en: untilPatterns("en") };

function fullYear(typed: string | undefined): number | null {
  if (typed === undefined) return null;
  return typed.length === 2 ? 2000 + Number(typed) : Number(typed);
}

function untilAt(folded: string, at: number, language: Grammar): Phrase | undefined {
  const { day: dayPatterns, time } = UNTIL[language];
  const months = monthsOf(language);
  for (const [index, pattern] of dayPatterns.entries()) {
    const m = matchAt(pattern, folded, at);
    if (m === null) continue;
    const span = { start: at, end: at + m[0].length };
    const [dayText, monthText] = index === 2 ? [m[2], m[1]] : [m[1], m[2]];
    const month = index === 0 ? Number(monthText) : (months[monthText ?? ""] ?? 0);
    return { kind: "untilDay", span, day: { year: fullYear(m[3]), month, day: Number(dayText) } };
  }
  const m = matchAt(time, folded, at);
  if (m === null) return undefined;
  const span = { start: at, end: at + m[0].length };
  if (language === "fr") {
    if (m[3] !== undefined) return { kind: "untilTime", span, hour: 12, minute: 0 };
    if (m[4] !== undefined) return { kind: "untilTime", span, hour: 0, minute: 0 };
    return { kind: "untilTime", span, hour: Number(m[1]), minute: Number(m[2] ?? 0) };
  }
  if (m[6] !== undefined) return { kind: "untilTime", span, hour: 12, minute: 0 };
  if (m[7] !== undefined) return { kind: "untilTime", span, hour: 0, minute: 0 };
  if (m[4] !== undefined) return { kind: "untilTime", span, hour: Number(m[4]), minute: Number(m[5]) };
  const twelveHour = Number(m[1]) % 12;
  return { kind: "untilTime", span, hour: m[3] === "pm" ? twelveHour + 12 : twelveHour, minute: Number(m[2] ?? 0) };
}

export function phraseAt(folded: string, at: number, language: Grammar): Phrase | undefined {
  const repeat = repeatPhraseAt(folded, at, language);
  if (repeat !== undefined) return { kind: "repeat", ...repeat };
  const allDay = matchAt(ALL_DAY[language], folded, at);
  if (allDay !== null) return { kind: "allDay", span: { start: at, end: at + allDay[0].length } };
  for (const { pattern, read } of language === "fr" ? FRENCH_DURATIONS : ENGLISH_DURATIONS) {
    const m = matchAt(pattern, folded, at);
    if (m !== null) return { kind: "duration", span: { start: at, end: at + m[0].length }, ...read(m) };
  }
  return untilAt(folded, at, language);
}

/** Words that may sit between the parts of a date phrase without belonging to the title. */
const FILLERS: Readonly<Record<Grammar, ReadonlySet<string>>> = {
  fr: new Set(["le", "l'", "a", "au", "de", "du", "d'", "des", "et", "partir", "vers", "environ"]),
  en: new Set(["on", "at", "the", "from", "starting", "start", "and", "of", "around", "beginning"]),
};

/** True when the leftover text between recognised parts holds only fillers and punctuation. */
export function onlyFillers(leftover: string, language: Grammar): boolean {
  const words = leftover
    .replace(/[,;:()\-–—.]/g, " ")
    .split(/\s+/)
    .filter((word) => word !== "");
  return words.every((word) => FILLERS[language].has(word));
}
