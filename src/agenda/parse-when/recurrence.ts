import type { Grammar } from "./grammar.ts";
import { matchAt, NUMBER_WORDS, numberFrom, wordPattern, type Span } from "./text.ts";

/** RFC 5545 weekday codes, Monday first like luxon's weekday numbers (1 = Monday). */
export const WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type WeekdayCode = (typeof WEEKDAY_CODES)[number];

export type Frequency = "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY";

/** The subset of RRULE that members can type, and that `describeWhen` can put back into words. */
export interface RepeatRule {
  readonly freq: Frequency;
  readonly interval: number;
  readonly weekdays: readonly WeekdayCode[];
  /** With `weekdays` in a monthly rule: 1 to 4 for "premier" to "quatrième", -1 for "dernier". */
  readonly setPosition: number | null;
  readonly monthDay: number | null;
}

export interface RepeatPhrase {
  readonly span: Span;
  readonly rule: RepeatRule;
}

const FR_WEEKDAYS: Readonly<Record<string, WeekdayCode>> = {
  lundi: "MO",
  mardi: "TU",
  mercredi: "WE",
  jeudi: "TH",
  vendredi: "FR",
  samedi: "SA",
  dimanche: "SU",
};
const EN_WEEKDAYS: Readonly<Record<string, WeekdayCode>> = {
  monday: "MO",
  tuesday: "TU",
  wednesday: "WE",
  thursday: "TH",
  friday: "FR",
  saturday: "SA",
  sunday: "SU",
};
const ORDINALS: Readonly<Record<string, number>> = {
  "1er": 1, "1re": 1, premier: 1, premiere: 1, "1st": 1, first: 1,
  "2e": 2, "2eme": 2, deuxieme: 2, second: 2, seconde: 2, "2nd": 2,
  "3e": 3, "3eme": 3, troisieme: 3, "3rd": 3, third: 3,
  "4e": 4, "4eme": 4, quatrieme: 4, "4th": 4, fourth: 4,
  dernier: -1, derniere: -1, last: -1,
};

const WORKING_DAYS: readonly WeekdayCode[] = ["MO", "TU", "WE", "TH", "FR"];

function rule(freq: Frequency, fields: Partial<RepeatRule> = {}): RepeatRule {
  return { freq, interval: 1, weekdays: [], setPosition: null, monthDay: null, ...fields };
}

function weekdaysIn(text: string, names: Readonly<Record<string, WeekdayCode>>): WeekdayCode[] {
  const found: WeekdayCode[] = [];
  for (const word of text.split(/[^a-z]+/)) {
    const code = names[word.replace(/s$/, "")];
    if (code !== undefined && !found.includes(code)) found.push(code);
  }
  return found;
}

function ordinal(word: string | undefined): number {
  return ORDINALS[(word ?? "").replace(/s$/, "")] ?? 1;
}

interface RepeatPattern {
  readonly pattern: RegExp;
  readonly build: (match: RegExpExecArray) => RepeatRule;
  /** Bare plurals ("les mardis", "Tuesdays") also start titles ("Les mardis du jeu"): only first in the text. */
  readonly leadingOnly?: boolean;
}

const frDay = "(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)";
const frDays = `${frDay}s?(?:\\s*(?:,|et)\\s*(?:le\\s+|les\\s+)?${frDay}s?)*`;
const frOrdinal = "(1er|1re|premiere?s?|2e|2eme|deuxiemes?|seconde?s?|3e|3eme|troisiemes?|4e|4eme|quatriemes?|derniere?s?)";
const frEachMonth = "(?:du\\s+mois|de\\s+chaque\\s+mois|de\\s+tous\\s+les\\s+mois)";
const frInterval = "(deux|trois|quatre|six|\\d{1,2})";

/** Most specific first: "chaque premier lundi du mois" must not be read as "chaque … lundi". */
const FRENCH: readonly RepeatPattern[] = [
  {
    pattern: wordPattern(`(?:chaque|tous\\s+les)\\s+${frOrdinal}\\s+(${frDay})s?(?:\\s+${frEachMonth})?`),
    build: (m) => rule("MONTHLY", { weekdays: weekdaysIn(m[2] ?? "", FR_WEEKDAYS), setPosition: ordinal(m[1]) }),
  },
  {
    pattern: wordPattern(`les?\\s+${frOrdinal}\\s+(${frDay})s?\\s+${frEachMonth}`),
    build: (m) => rule("MONTHLY", { weekdays: weekdaysIn(m[2] ?? "", FR_WEEKDAYS), setPosition: ordinal(m[1]) }),
  },
  {
    pattern: wordPattern(`(?:tous\\s+les|chaque|le)\\s+(\\d{1,2})(?:er)?\\s+${frEachMonth}`),
    build: (m) => rule("MONTHLY", { monthDay: Number(m[1]) }),
  },
  {
    pattern: wordPattern(`(?:tous\\s+les\\s+mois|chaque\\s+mois)\\s*,?\\s*le\\s+(\\d{1,2})(?:er)?`),
    build: (m) => rule("MONTHLY", { monthDay: Number(m[1]) }),
  },
  {
    pattern: wordPattern(`un\\s+(${frDay})\\s+sur\\s+${frInterval}`),
    build: (m) => rule("WEEKLY", { weekdays: weekdaysIn(m[1] ?? "", FR_WEEKDAYS), interval: numberFrom(m[2]) }),
  },
  {
    pattern: wordPattern(
      "(?:tous\\s+les\\s+jours|chaque\\s+jour)\\s+(?:de\\s+la\\s+semaine|ouvrables?|du\\s+lundi\\s+au\\s+vendredi|en\\s+semaine)|en\\s+semaine",
    ),
    build: () => rule("WEEKLY", { weekdays: WORKING_DAYS }),
  },
  {
    pattern: wordPattern(`(?:tous\\s+les|chaque)\\s+(${frDays})`),
    build: (m) => rule("WEEKLY", { weekdays: weekdaysIn(m[1] ?? "", FR_WEEKDAYS) }),
  },
  {
    pattern: wordPattern(`les\\s+(${frDay}s(?:\\s*(?:,|et)\\s*(?:les\\s+)?${frDay}s)*)`),
    build: (m) => rule("WEEKLY", { weekdays: weekdaysIn(m[1] ?? "", FR_WEEKDAYS) }),
    leadingOnly: true,
  },
  {
    pattern: wordPattern("tous\\s+les\\s+(?:quinze|15)\\s+jours|une\\s+semaine\\s+sur\\s+deux"),
    build: () => rule("WEEKLY", { interval: 2 }),
  },
  {
    pattern: wordPattern(`(?:toutes|tous)\\s+les\\s+${frInterval}\\s+semaines`),
    build: (m) => rule("WEEKLY", { interval: numberFrom(m[1]) }),
  },
  {
    pattern: wordPattern("tous\\s+les\\s+(?:huit|8)\\s+jours|toutes\\s+les\\s+semaines|chaque\\s+semaine|hebdomadaire(?:ment)?"),
    build: () => rule("WEEKLY"),
  },
  {
    pattern: wordPattern(`tous\\s+les\\s+${frInterval}\\s+jours`),
    build: (m) => rule("DAILY", { interval: numberFrom(m[1]) }),
  },
  {
    pattern: wordPattern("tous\\s+les\\s+jours|chaque\\s+jour|quotidiennement"),
    build: () => rule("DAILY"),
  },
  {
    pattern: wordPattern(`tous\\s+les\\s+${frInterval}\\s+mois|un\\s+mois\\s+sur\\s+${frInterval}`),
    build: (m) => rule("MONTHLY", { interval: numberFrom(m[1] ?? m[2]) }),
  },
  {
    pattern: wordPattern("tous\\s+les\\s+mois|chaque\\s+mois|mensuellement"),
    build: () => rule("MONTHLY"),
  },
  {
    pattern: wordPattern("tous\\s+les\\s+ans|chaque\\s+annee|annuellement"),
    build: () => rule("YEARLY"),
  },
];

const enDay = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
const enDays = `${enDay}s?(?:\\s*(?:,|and)\\s*${enDay}s?)*`;
const enOrdinal = "(1st|first|2nd|second|3rd|third|4th|fourth|last)";
const enEachMonth = "of\\s+(?:the|each|every)\\s+month";
const enInterval = `(${NUMBER_WORDS})`;

const ENGLISH: readonly RepeatPattern[] = [
  {
    pattern: wordPattern(`(?:every|each)\\s+${enOrdinal}\\s+(${enDay})(?:\\s+${enEachMonth})?`),
    build: (m) => rule("MONTHLY", { weekdays: weekdaysIn(m[2] ?? "", EN_WEEKDAYS), setPosition: ordinal(m[1]) }),
  },
  {
    pattern: wordPattern(`(?:on\\s+)?the\\s+${enOrdinal}\\s+(${enDay})\\s+${enEachMonth}`),
    build: (m) => rule("MONTHLY", { weekdays: weekdaysIn(m[2] ?? "", EN_WEEKDAYS), setPosition: ordinal(m[1]) }),
  },
  {
    pattern: wordPattern(`(?:(?:every|each|on)\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+${enEachMonth}`),
    build: (m) => rule("MONTHLY", { monthDay: Number(m[1]) }),
  },
  {
    pattern: wordPattern("(?:every\\s+month|each\\s+month|monthly)\\s*,?\\s*on\\s+the\\s+(\\d{1,2})(?:st|nd|rd|th)?"),
    build: (m) => rule("MONTHLY", { monthDay: Number(m[1]) }),
  },
  {
    pattern: wordPattern(`every\\s+other\\s+(${enDay})`),
    build: (m) => rule("WEEKLY", { weekdays: weekdaysIn(m[1] ?? "", EN_WEEKDAYS), interval: 2 }),
  },
  { pattern: wordPattern("every\\s+weekday"), build: () => rule("WEEKLY", { weekdays: WORKING_DAYS }) },
  { pattern: wordPattern("(?:on\\s+)?weekdays"), build: () => rule("WEEKLY", { weekdays: WORKING_DAYS }), leadingOnly: true },
  {
    pattern: wordPattern(`(?:every|each)\\s+(${enDays})`),
    build: (m) => rule("WEEKLY", { weekdays: weekdaysIn(m[1] ?? "", EN_WEEKDAYS) }),
  },
  {
    pattern: wordPattern(`(?:on\\s+)?(${enDay}s(?:\\s*(?:,|and)\\s*${enDay}s)*)`),
    build: (m) => rule("WEEKLY", { weekdays: weekdaysIn(m[1] ?? "", EN_WEEKDAYS) }),
    leadingOnly: true,
  },
  {
    pattern: wordPattern("every\\s+other\\s+week|(?:every\\s+)?fortnight(?:ly)?|biweekly"),
    build: () => rule("WEEKLY", { interval: 2 }),
  },
  {
    pattern: wordPattern(`every\\s+${enInterval}\\s+weeks`),
    build: (m) => rule("WEEKLY", { interval: numberFrom(m[1]) }),
  },
  { pattern: wordPattern("every\\s+week|each\\s+week|weekly"), build: () => rule("WEEKLY") },
  {
    pattern: wordPattern(`every\\s+${enInterval}\\s+days`),
    build: (m) => rule("DAILY", { interval: numberFrom(m[1]) }),
  },
  { pattern: wordPattern("every\\s+day|each\\s+day|daily"), build: () => rule("DAILY") },
  {
    pattern: wordPattern(`every\\s+${enInterval}\\s+months`),
    build: (m) => rule("MONTHLY", { interval: numberFrom(m[1]) }),
  },
  { pattern: wordPattern("every\\s+month|each\\s+month|monthly"), build: () => rule("MONTHLY") },
  { pattern: wordPattern("every\\s+year|each\\s+year|yearly|annually"), build: () => rule("YEARLY") },
];

/** The repeat phrase starting exactly at `at` in the folded text, if any. */
export function repeatPhraseAt(folded: string, at: number, language: Grammar): RepeatPhrase | undefined {
  const leading = folded.slice(0, at).trim() === "";
  for (const { pattern, build, leadingOnly = false } of language === "fr" ? FRENCH : ENGLISH) {
    if (leadingOnly && !leading) continue;
    const match = matchAt(pattern, folded, at);
    if (match !== null) {
      return { span: { start: at, end: at + match[0].length }, rule: build(match) };
    }
  }
  return undefined;
}

function formatUntil(untilUtc: number): string {
  return new Date(untilUtc).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

export function toRRuleValue(repeat: RepeatRule, untilUtc: number | null): string {
  const parts = [`FREQ=${repeat.freq}`];
  if (repeat.interval > 1) parts.push(`INTERVAL=${repeat.interval}`);
  if (repeat.weekdays.length > 0) {
    const prefix = repeat.setPosition === null ? "" : String(repeat.setPosition);
    parts.push(`BYDAY=${repeat.weekdays.map((day) => prefix + day).join(",")}`);
  }
  if (repeat.monthDay !== null) parts.push(`BYMONTHDAY=${repeat.monthDay}`);
  if (untilUtc !== null) parts.push(`UNTIL=${formatUntil(untilUtc)}`);
  return parts.join(";");
}

export interface ReadRRule extends RepeatRule {
  readonly untilUtc: number | null;
  readonly count: number | null;
}

/** Reads back the rules Minou writes; anything else (BYMONTH, BYSETPOS, several ordinals…) gives null. */
export function readRRuleValue(value: string): ReadRRule | null {
  const fields = new Map<string, string>();
  for (const part of value.replace(/^RRULE:/i, "").split(";")) {
    const [key, field] = part.split("=");
    if (key === undefined || field === undefined) return null;
    fields.set(key.toUpperCase(), field.toUpperCase());
  }
  const freq = fields.get("FREQ");
  if (freq !== "DAILY" && freq !== "WEEKLY" && freq !== "MONTHLY" && freq !== "YEARLY") return null;
  const known = new Set(["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "UNTIL", "COUNT", "WKST"]);
  if ([...fields.keys()].some((key) => !known.has(key))) return null;

  const weekdays: WeekdayCode[] = [];
  const positions = new Set<number>();
  for (const entry of (fields.get("BYDAY") ?? "").split(",").filter((item) => item !== "")) {
    const match = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(entry);
    if (match === null) return null;
    weekdays.push(match[2] as WeekdayCode);
    positions.add(match[1] === undefined ? 0 : Number(match[1]));
  }
  if (positions.size > 1) return null;
  const position = [...positions][0] ?? 0;
  const monthDay = fields.get("BYMONTHDAY");
  if (monthDay !== undefined && !/^\d{1,2}$/.test(monthDay)) return null;

  const until = fields.get("UNTIL");
  const untilMatch = until === undefined ? null : /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(until);
  if (until !== undefined && untilMatch === null) return null;
  const untilUtc =
    untilMatch === null
      ? null
      : Date.UTC(
          Number(untilMatch[1]), Number(untilMatch[2]) - 1, Number(untilMatch[3]),
          Number(untilMatch[4] ?? 23), Number(untilMatch[5] ?? 59), Number(untilMatch[6] ?? 59),
        );
  const count = fields.get("COUNT");
  return {
    freq,
    interval: Number(fields.get("INTERVAL") ?? "1") || 1,
    weekdays,
    setPosition: position === 0 ? null : position,
    monthDay: monthDay === undefined ? null : Number(monthDay),
    untilUtc,
    count: count === undefined ? null : Number(count),
  };
}
