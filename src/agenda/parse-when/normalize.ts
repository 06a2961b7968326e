/**
 * French as volunteers type it in a chat ("jeudi 25 à 18h", "mardi en huit", "auj 18h", "mecredi",
 * "8h du soir", "dans 3 jours 18h") rewritten into the forms the parser reads. Only the date
 * phrase at the start is touched: the rewriting stops at the first word that is not date
 * vocabulary (or at a capital after the time), and the caller rewrites fewer words when the
 * parser stops earlier, so the title stays exactly as typed.
 */
import { DateTime } from "luxon";
import { foldSameLength } from "./text.ts";

export type Normalized =
  /** `leadLength`: where the rewritten date words end in `text`; `words`: how many were taken. */
  | { readonly ok: true; readonly text: string; readonly leadLength: number; readonly words: number }
  /**
   * What to ask: a time of day without an hour ("ce soir Apéro"), a day of the month this month
   * lacks ("le 31" in April), "samedi minuit", or daily hours over a range of days.
   */
  | { readonly ok: false; readonly reason: "noTime" | "unclearDay" | "midnight" | "hoursOverDays" };

const WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const WEEKDAY_NAMES = WEEKDAYS.join("|");

/** Phone spellings of the weekdays; "mar" alone is left to the months unless a number follows. */
const WEEKDAY_SPELLINGS: readonly (readonly [string, number])[] = [
  ["lundi|lindi|lundo|lun\\.?", 1],
  ["mardi|madri|mrdi", 2],
  ["mercredi|mecredi|mercerdi|mercedi|mercrdi|merc\\.?|mer\\.?", 3],
  ["jeudi|jeudu|jedi|jeu\\.?", 4],
  ["vendredi|vendredu|vendedi|venderdi|vendr?\\.?|ven\\.?", 5],
  ["samedi|samdi|samedu|sam\\.?", 6],
  ["dimanche|dimance|dimanch|dim\\.?", 7],
];

const MONTH_WORDS =
  "janvier|janv|fevrier|fevr|fev|mars|avril|avr|mai|juin|juillet|juil|aout|septembre|sept|octobre|oct|novembre|nov|decembre|dec";

/** Words that may belong to a date phrase; the first other word starts the title. */
const DATE_WORD = new RegExp(
  String.raw`^(?:[\d/.:,h-]+|\d{1,2}(?:er|h\d{0,2}|heures?|mn|min)|${WEEKDAYS.join("|")}|lindi|lundo|lun|madri|mrdi|mar|mecredi|mercerdi|mercedi|mercrdi|merc|mer|jeudu|jedi|jeu|vendredu|vendedi|venderdi|vendr|vend|ven|samdi|samedu|sam|dimance|dimanch|dim|` +
    String.raw`${MONTH_WORDS}|aujourd'hui|aujourdhui|aujourd|hui|auj|ajd|demain|demian|deamin|dmain|demin|apres-demain|apres|apredemain|ce|cet|cette|ces|soir|matin|matins|soirs|midi|minuit|aprem|apres-midi|am|pm|` +
    String.raw`et|demie?|quart|moins|le|la|les|l'|a|au|aux|de|du|des|d'|dans|en|huit|quinze|semaines?|prochaine?s?|pro|jours?|tous|toutes|chaque|entre|partir|jusqu'a|jusqu'au|jusqu'|jusqu|vers|environ|des|heures?|` +
    String.raw`pendant|durant|sur|une?|deux|trois|quatre|cinq|six|sept|neuf|dix|min|minutes?|mn|toute|journee|entiere|complete|fois|mois|an|alentours|premiers?|dernier|deuxieme|troisieme|quatrieme|sur|semaine|paques|pentecote|ascension|noel|veille|reveillon|saint-sylvestre|sylvestre|toussaint|assomption|jour|nouvel|lendemain|from|at)[.,]?$`,
);

interface Context {
  readonly now: DateTime;
  readonly today: DateTime;
}

const two = (n: number) => String(n).padStart(2, "0");
const dmy = (day: DateTime) => `${two(day.day)}/${two(day.month)}/${day.year}`;

function weekdayNumber(word: string): number | null {
  for (const [spelling, number] of WEEKDAY_SPELLINGS) {
    if (new RegExp(`^(?:${spelling})$`).test(word)) return number;
  }
  return null;
}

/** The coming `weekday`, today included. */
function comingWeekday(weekday: number, today: DateTime): DateTime {
  return today.plus({ days: (weekday - today.weekday + 7) % 7 });
}

function easter(year: number): DateTime {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.fromObject({ year, month, day }, { zone: "UTC" });
}

/** Named days, the coming one (today included). */
const NAMED_DAYS: readonly (readonly [string, (year: number) => { month: number; day: number }])[] = [
  ["lundi\\s+de\\s+paques", (y) => easter(y).plus({ days: 1 })],
  ["(?:le\\s+)?(?:dimanche\\s+de\\s+)?paques", (y) => easter(y)],
  ["(?:le\\s+)?lundi\\s+de\\s+(?:la\\s+)?pentecote", (y) => easter(y).plus({ days: 50 })],
  ["(?:le\\s+)?(?:jeudi\\s+de\\s+)?l'\\s*ascension", (y) => easter(y).plus({ days: 39 })],
  ["(?:le\\s+)?(?:soir\\s+de\\s+|la\\s+veille\\s+de\\s+|le\\s+reveillon\\s+de\\s+)noel|(?:le\\s+)?reveillon", () => ({ month: 12, day: 24 })],
  ["(?:le\\s+jour\\s+de\\s+)?noel", () => ({ month: 12, day: 25 })],
  ["(?:la\\s+)?saint[-\\s]sylvestre", () => ({ month: 12, day: 31 })],
  ["(?:le\\s+)?jour\\s+de\\s+l'\\s*an|(?:le\\s+)?nouvel\\s+an", () => ({ month: 1, day: 1 })],
  ["(?:la\\s+)?toussaint", () => ({ month: 11, day: 1 })],
  ["(?:l'\\s*)?assomption", () => ({ month: 8, day: 15 })],
];

function namedDay(find: (year: number) => { month: number; day: number }, today: DateTime): DateTime {
  for (let year = today.year; ; year++) {
    const { month, day } = find(year);
    const date = DateTime.fromObject({ year, month, day }, { zone: today.zone });
    if (date >= today) return date;
  }
}

/** The nearest coming day `n` of a month: this month if still ahead, else next month. */
function nearestMonthDay(n: number, today: DateTime): DateTime | null {
  const thisMonth = today.set({ day: 1 });
  const month = n >= today.day ? thisMonth : thisMonth.plus({ months: 1 });
  const date = DateTime.fromObject({ year: month.year, month: month.month, day: n }, { zone: today.zone });
  return date.isValid ? date : null;
}

type Rule = readonly [RegExp, (m: RegExpExecArray, context: Context) => string | Normalized];

// "20h 30 ans du centre" keeps its title: minutes are only read when glued to the hour.
const hour = "(\\d{1,2})\\s*(?:heures?|h)(\\d{2})?(?![a-z])";
const evening = (h: number) => (h >= 1 && h < 12 ? h + 12 : h);
const clock = (h: number, minutes: string | undefined) => `${h}h${minutes ?? ""}`;

const RULES: readonly Rule[] = [
  // spellings; "mar" is March unless a day number follows
  [/\bmar\.?\s+(?=\d{1,2}(?:er)?(?![\d/.:]|\s*(?:h\b|h\d|heures?\b)))/g, () => "mardi "],
  [/\b(?:aujourd'?\s?hui|aujourdui|aujourd|auj|ajd|aujd)\b/g, () => "aujourd'hui"],
  [/\b(?:demian|deamin|dmain|demin|demani|dem1)\b/g, () => "demain"],
  [/\bapres[-\s]?demain\b/g, () => "après-demain"],
  [/\b(lundi|mardi|mercredi|mecredi|jeudi|vendredi|samedi|dimanche)(\d)/g, (m) => `${m[1] ?? ""} ${m[2] ?? ""}`],
  [/(?<![\d/.])(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4}))?(?![\d.]|\s*h)/g, (m) => `${m[1] ?? ""}/${m[2] ?? ""}${m[3] === undefined ? "" : `/${m[3]}`}`],
  // clock words
  [/\bmidi\s+et\s+demie?\b/g, () => "12h30"],
  [/\bmidi\s+et\s+quart\b/g, () => "12h15"],
  [/\bminuit\s+et\s+demie?\b/g, () => "0h30"],
  [/\b(\d{1,2})\s*(?:h|heures?)\s+et\s+demie?\b/g, (m) => `${m[1] ?? ""}h30`],
  [/\b(\d{1,2})\s*(?:h|heures?)\s+et\s+quart\b/g, (m) => `${m[1] ?? ""}h15`],
  [/\b(\d{1,2})\s*(?:h|heures?)\s+moins\s+(?:le\s+)?quart\b/g, (m) => `${Number(m[1]) - 1}h45`],
  [new RegExp(`\\b${hour}\\s+du\\s+soir\\b`, "g"), (m) => clock(evening(Number(m[1])), m[2])],
  [new RegExp(`\\b${hour}\\s+de\\s+l'\\s*apres[-\\s]?midi\\b`, "g"), (m) => clock(evening(Number(m[1])), m[2])],
  [new RegExp(`\\b${hour}\\s+du\\s+mat(?:in)?\\b`, "g"), (m) => clock(Number(m[1]), m[2])],
  [new RegExp(`\\b(?:ce|cette)\\s+(?:soir|soiree)\\s+(?:a\\s+|vers\\s+)?${hour}`, "g"), (m) => `aujourd'hui ${clock(evening(Number(m[1])), m[2])}`],
  [new RegExp(`\\b(?:cet\\s+)?(?:aprem|apres[-\\s]midi)\\s+(?:a\\s+|vers\\s+)?${hour}`, "g"), (m) => clock(evening(Number(m[1])), m[2])],
  [new RegExp(`\\b(?:ce\\s+)?soir\\s+(?:a\\s+|vers\\s+)?${hour}`, "g"), (m) => clock(evening(Number(m[1])), m[2])],
  [new RegExp(`\\bce\\s+matin\\s+(?:a\\s+|vers\\s+)?${hour}`, "g"), (m) => `aujourd'hui ${clock(Number(m[1]), m[2])}`],
  [/\bce\s+midi\b/g, () => "aujourd'hui 12h"],
  [/\bmidi\s*(?:a|-)\s*(?=\d)/g, () => "12h à "],
  [/\b(?:ce|cette|cet)\s+(?:soir|soiree|matin|aprem|apres[-\s]midi)\b/g, () => ({ ok: false, reason: "noTime" })],
  [/\b(?:tous\s+les|chaque)\s+(?:matins?|soirs?|midis?)\b/g, () => "tous les jours"],
  [/\bsemaine\s+pro\b/g, () => "semaine prochaine"],
  [/\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+pro\b/g, (m) => `${m[1] ?? ""} prochain`],
  // ranges and start words
  [new RegExp(`\\bentre\\s+(${hour})\\s+et\\s+(${hour})`, "g"), (m) => `de ${m[1] ?? ""} à ${m[4] ?? ""}`],
  [new RegExp(`(${hour})\\s+a\\s+(${hour}|midi|minuit)`, "g"), (m) => `${m[1] ?? ""} à ${m[4] ?? ""}`],
  [new RegExp(`\\b(?:a\\s+partir\\s+de|des|a\\s+compter\\s+de)\\s+(${hour}|midi)`, "g"), (m) => `${m[1] ?? ""}`],
  [/\bjusqu\s*'?\s*a\b/g, () => "jusqu'à"],
  [/\baux\s+alentours\s+de\b/g, () => "vers"],
  // "de 18 à 20h", "18-20h": the hour mark is only typed once.
  [/\bde\s+(\d{1,2})\s*(?:a|-)\s*(\d{1,2})\s*h(?![a-z])/g, (m) => `de ${m[1] ?? ""}h à ${m[2] ?? ""}h`],
  [/(?<![\d/.:a-z])(\d{1,2})\s*-\s*(\d{1,2})\s*h(?![a-z\d])/g, (m) => `${m[1] ?? ""}h-${m[2] ?? ""}h`],
  [new RegExp(`\\b(${WEEKDAY_NAMES})\\s+le\\s+(?=\\d)`, "g"), (m) => `${m[1] ?? ""} `],
  // "du 22 au 26 de 9h à 17h": every day from 9 to 5, or one stretch? Ask.
  [/\bdu\s+\S+(?:\s+\S+){0,3}\s+au\s+\S+(?:\s+\S+){0,3}\s+(?:de\s+\d{1,2}\s*h|\d{1,2}\s*h\d*\s*-)/g, () => ({ ok: false, reason: "hoursOverDays" })],
  // "samedi 27 et dimanche 28 mars" is one event over two days; "le 3 et le 10" stays two dates.
  [
    new RegExp(`\\b(?:le\\s+)?(?:(${WEEKDAY_NAMES})\\s+)?(\\d{1,2})\\s+et\\s+(?:le\\s+)?(?:(${WEEKDAY_NAMES})\\s+)?(\\d{1,2})(?=\\s+(?:${MONTH_WORDS})\\b)`, "g"),
    (m) => (Number(m[4]) === Number(m[2]) + 1 ? `du ${m[1] ?? ""} ${m[2] ?? ""} au ${m[3] ?? ""} ${m[4] ?? ""}` : m[0]),
  ],
  [new RegExp(`\\bde\\s+(${hour}|midi)\\s+jusqu'à`, "g"), (m) => `${m[1] ?? ""} jusqu'à`],
  // "samedi minuit": the start or the end of Saturday? Only a range's end is clear.
  [/^(?:(?!\d\s*h|\d:\d|midi).)*\bminuit\b/g, () => ({ ok: false, reason: "midnight" })],
  // the next 29 February, which chrono skips in a year without one
  [/\b29\s*(?:\/\s*0?2|\s+fev(?:rier|r)?\.?)(?![/\d]|\s+\d{4}\b)/g, (_m, { today }) => dmy(nextLeapDay(today))],
];

function nextLeapDay(today: DateTime): DateTime {
  for (let year = today.year; ; year++) {
    const day = DateTime.fromObject({ year, month: 2, day: 29 }, { zone: today.zone });
    if (day.isValid && day >= today) return day;
  }
}

const IN_DAYS = /\bdans\s+(\d{1,2}|un|une|deux|trois|quatre|cinq|six|huit|quinze)\s+(jours?|semaines?)\b/g;

const WORD_NUMBERS: Readonly<Record<string, number>> = { un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, huit: 8, quinze: 15 };

/** "dans huit jours" is a week, "dans quinze jours" two weeks, as French counts them. */
function inDays(count: string | undefined, unit: string | undefined): number {
  const n = /^\d+$/.test(count ?? "") ? Number(count) : (WORD_NUMBERS[count ?? ""] ?? 1);
  if (unit?.startsWith("semaine")) return n * 7;
  if (n === 8) return 7;
  if (n === 15) return 14;
  return n;
}

const WEEKDAY_WORD = "(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)";

function weekRelative(text: string, { today }: Context): string {
  const mondayOf = (day: DateTime) => day.minus({ days: day.weekday - 1 });
  const inWeek = (weeksAhead: number, weekday: number) => mondayOf(today).plus({ days: 7 * weeksAhead + weekday - 1 });
  const index = (word: string | undefined) => WEEKDAYS.indexOf(word ?? "") + 1;
  return text
    .replace(new RegExp(`\\b${WEEKDAY_WORD}\\s+en\\s+(huit|quinze)\\b`, "g"), (_all, day: string, n: string) =>
      dmy(comingWeekday(index(day), today).plus({ days: n === "huit" ? 7 : 14 })),
    )
    .replace(new RegExp(`\\b${WEEKDAY_WORD}\\s+(?:de\\s+)?(?:la\\s+)?semaine\\s+(?:prochaine|suivante|d'apres)\\b`, "g"), (_all, day: string) =>
      dmy(inWeek(1, index(day))),
    )
    .replace(new RegExp(`\\b(?:la\\s+)?semaine\\s+prochaine\\s+(?:le\\s+)?${WEEKDAY_WORD}\\b`, "g"), (_all, day: string) => dmy(inWeek(1, index(day))))
    .replace(new RegExp(`\\b${WEEKDAY_WORD}\\s+(?:de\\s+)?cette\\s+semaine\\b`, "g"), (_all, day: string) => dmy(inWeek(0, index(day))))
    .replace(new RegExp(`\\bdans\\s+(\\d|deux|trois|quatre|une?)\\s+semaines?\\s*,?\\s*(?:le\\s+)?${WEEKDAY_WORD}\\b`, "g"), (_all, n: string, day: string) =>
      dmy(inWeek(/^\d$/.test(n) ? Number(n) : (WORD_NUMBERS[n] ?? 1), index(day))),
    )
    .replace(new RegExp(`\\b${WEEKDAY_WORD}\\s+dans\\s+(\\d|deux|trois|quatre|une?)\\s+semaines?\\b`, "g"), (_all, day: string, n: string) =>
      dmy(inWeek(/^\d$/.test(n) ? Number(n) : (WORD_NUMBERS[n] ?? 1), index(day))),
    )
    .replace(new RegExp(`\\b${WEEKDAY_WORD}\\s+dans\\s+(?:15|quinze)\\s+jours\\b`, "g"), (_all, day: string) => dmy(inWeek(2, index(day))))
    .replace(IN_DAYS, (_all, n: string, unit: string) => dmy(today.plus({ days: inDays(n, unit) })));
}

function named(text: string, { today }: Context): string {
  let out = text;
  for (const [pattern, find] of NAMED_DAYS) {
    out = out.replace(new RegExp(`\\b(?:${pattern})\\b`, "g"), () => dmy(namedDay(find, today)));
  }
  return out;
}

const FOLLOWED_BY_MONTH = new RegExp(`^\\s*(?:${MONTH_WORDS})\\b`);

/**
 * "jeudi 25", "le 29", "du lundi 5 au mercredi 7 avril": a day of the month without its month is
 * the nearest such day, or the month typed later in the range. The weekday, if typed, is then
 * checked against the date by the parser.
 */
function bareDays(text: string, { today }: Context): string | Normalized {
  const bare = new RegExp(
    `\\b(?:(${WEEKDAY_WORD})|(le|du|au|jusqu'au))\\s+(?:${WEEKDAY_WORD}\\s+)?(\\d{1,2})(?:er)?(?![\\d/.:]|\\s*(?:h\\b|h\\d|heures?\\b|jours?\\b|fois\\b|mois\\b|semaines?\\b|de\\s+chaque\\b|du\\s+mois\\b))`,
    "g",
  );
  let problem: Normalized | null = null;
  let previous: DateTime | null = null;
  const out = text.replace(bare, (all: string, weekday: string | undefined, _w: string | undefined, word: string | undefined, _w2: string | undefined, n: string, offset: number) => {
    const after = text.slice(offset + all.length);
    if (FOLLOWED_BY_MONTH.test(after)) return all;
    const day = Number(n);
    const laterMonth = new RegExp(`^\\s*(?:au|jusqu'au|-)\\s+(?:${WEEKDAY_WORD}\\s+)?(\\d{1,2})(?:er)?\\s+(${MONTH_WORDS})`).exec(after);
    let date: DateTime | null;
    if (laterMonth !== null) {
      const month = monthNumber(laterMonth[3] ?? "");
      const endDay = Number(laterMonth[2]);
      // "du 28 au 3 janvier" starts in December; "du 16 au 14 février" stays a slip.
      const startMonth = day <= endDay || day - endDay < 15 ? month : month === 1 ? 12 : month - 1;
      let candidate = DateTime.fromObject({ year: today.year, month: startMonth, day }, { zone: today.zone });
      if (candidate.isValid && candidate < today) candidate = candidate.plus({ years: 1 });
      date = candidate.isValid ? candidate : null;
    } else if ((word === "au" || word === "jusqu'au") && previous !== null) {
      const sameMonth = previous.set({ day: 1 }).plus({ months: day >= previous.day ? 0 : 1 });
      const candidate = DateTime.fromObject({ year: sameMonth.year, month: sameMonth.month, day }, { zone: today.zone });
      date = candidate.isValid ? candidate : null;
    } else {
      date = nearestMonthDay(day, today);
    }
    if (date === null) {
      problem = { ok: false, reason: "unclearDay" };
      return all;
    }
    previous = date;
    const lead = all.slice(0, all.length - n.length - (all.endsWith("er") ? 2 : 0)).replace(/\d+$/, "");
    return `${lead}${dmy(date)}`;
  });
  return problem ?? out;
}

function monthNumber(word: string): number {
  const order = ["janv", "fev", "mars", "avr", "mai", "juin", "juil", "aout", "sept", "oct", "nov", "dec"];
  if (word === "juillet") return 7;
  const index = order.findIndex((prefix) => word.startsWith(prefix) || prefix.startsWith(word));
  return index + 1;
}

/** Date phrases are short (the parser reads at most 20 words too), which bounds the work on long messages. */
const MAX_LEAD_WORDS = 20;

/** Where each of the leading words that may belong to the date phrase ends, in the text typed. */
function dateLead(folded: string, typed: string): number[] {
  const ends: number[] = [];
  let timeSeen = false;
  for (const match of folded.matchAll(/\S+/g)) {
    if (ends.length === MAX_LEAD_WORDS) break;
    const word = match[0].replace(/^[(«"]+|[)»":;!?]+$/g, "").replace(/^[ld]'(?=\p{L})/u, "");
    // After the time, a capital starts the title: "demain 18h Soirée de Noël".
    if (timeSeen && /^\p{Lu}/u.test(typed.slice(match.index))) break;
    if (/\d\s*h|\d:\d|^(?:midi|minuit)$/.test(word)) timeSeen = true;
    const parts = word.split(/(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z]{3})/);
    if (!parts.every((part) => part === "" || DATE_WORD.test(part) || weekdayNumber(part) !== null)) break;
    ends.push(match.index + match[0].length);
  }
  return ends;
}

/**
 * Rewrites at most `maxWords` leading date words. The parser may stop before the end of them
 * ("demain 18h sam et max": "sam" is the title's): the caller then asks for fewer words, so the
 * title is always the text as typed.
 */
export function normalizeFrench(text: string, now: DateTime, maxWords = Number.POSITIVE_INFINITY): Normalized {
  const head = /^(?:\s*\S+){1,20}/.exec(text)?.[0] ?? "";
  const folded = foldSameLength(head);
  const ends = dateLead(folded, head).slice(0, maxWords);
  const leadEnd = ends.at(-1) ?? 0;
  if (leadEnd === 0) return { ok: true, text, leadLength: 0, words: 0 };
  let lead = folded.slice(0, leadEnd);
  const context = { now, today: now.startOf("day") };
  lead = lead.replace(/\S+/g, (word) => {
    const core = word.replace(/[,;]$/, "");
    const weekday = weekdayNumber(core);
    return weekday === null ? word : `${WEEKDAYS[weekday - 1] ?? core}${word.slice(core.length)}`;
  });
  for (const [pattern, rewrite] of RULES) {
    let problem: Normalized | null = null;
    lead = lead.replace(pattern, (...args: unknown[]) => {
      const result = rewrite(args.slice(0, -2) as unknown as RegExpExecArray, context);
      if (typeof result === "string") return result;
      problem = result;
      return String(args[0]);
    });
    if (problem !== null) return problem;
  }
  lead = named(weekRelative(lead, context), context);
  const days = /\b(?:tous|toutes|chaque)\b/.test(lead) ? lead : bareDays(lead, context);
  if (typeof days !== "string") return days;
  return { ok: true, text: `${days}${text.slice(leadEnd)}`, leadLength: days.trimEnd().length, words: ends.length };
}
