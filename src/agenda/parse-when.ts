/**
 * Reads the date phrase at the start of `!agenda ajouter …` ("jeudi prochain 18h30 Réunion",
 * "tous les mardis à 18h Chorale", "every Tuesday at 6pm Choir") into instants and an RRULE, and
 * says where the title starts. chrono-node reads dates and times; the phrases it does not know
 * (repetition, durations, "toute la journée", "jusqu'au …") are recognised here on accent-folded
 * text and blanked out before chrono sees it, keeping every position equal to the one typed.
 */
import { DateTime } from "luxon";
import type { Language } from "../i18n/language.ts";
import { grammarOf, type Grammar } from "./parse-when/grammar.ts";
import { readDatePrefix } from "./parse-when/chrono-prefix.ts";
import { applySubstitutions, monthAlternatives, monthsOf, phraseAt, substitutionAt, type Phrase, type Substitution } from "./parse-when/phrases.ts";
import { normalizeFrench } from "./parse-when/normalize.ts";
import { resolveWhen } from "./parse-when/resolve.ts";
import { blank, foldSameLength, overlaps, plainPunctuation, wordEnds, type Span } from "./parse-when/text.ts";

export { describeWhen, zoneLabel } from "./parse-when/describe.ts";

export interface ParseWhenOptions {
  /** The moment the command was sent (UTC ms). */
  readonly now: number;
  /** The room's IANA zone: wall times are read there, never in the process's TZ. */
  readonly timeZone: string;
  readonly language: Language;
  readonly defaultDurationMinutes: number;
}

export interface ParsedWhen {
  /** UTC ms. All-day: local midnight of the first day in the zone. */
  readonly startsAt: number;
  /** UTC ms, exclusive. All-day: local midnight after the last day. */
  readonly endsAt: number;
  readonly allDay: boolean;
  /** RFC 5545 RRULE value without DTSTART; UNTIL is the end of the last local day, in UTC. */
  readonly rrule: string | null;
}

/** Why a date phrase needs rewording; each reason deserves its own explanation to the member. */
export type AmbiguityReason =
  /** A day without a time ("samedi 13 février"): ask for a time or "toute la journée". */
  | "noTime"
  /** A repetition that needs a day ("toutes les deux semaines", "chaque mois") or "toute la journée" alone. */
  | "noDay"
  /** "12/25": impossible as day/month, possible as month/day. Minou reads dd/mm. */
  | "dayMonthOrder"
  /** Both a time and "toute la journée". */
  | "timeAndAllDay"
  /** "jusqu'au 30 juin" on a one-off event with a time: a repetition is probably missing. */
  | "untilWithoutRepeat"
  /** "le 31" in a month without one: which month is meant? */
  | "unclearDay"
  /** "samedi minuit": the night before Saturday or the night after? */
  | "midnight"
  /** "du 22 au 26 de 9h à 17h": every day from 9 to 5, or one stretch? */
  | "hoursOverDays"
  /** "18h Réunion jeudi": a time first, and a day in the title. */
  | "dayInTitle";

export type WhenProblem =
  | { readonly kind: "notFound" }
  /** The start (all-day: the last day) is already over; for a repetition, no occurrence is left. */
  | { readonly kind: "past"; readonly startsAt: number }
  | { readonly kind: "ambiguous"; readonly reason: AmbiguityReason }
  /**
   * Part of the phrase was understood, and what follows still looks like a date or a time
   * ("mardi 23 18h" read as 23:00 with "18h" left over): `startsAt` is the reading, shown to ask.
   */
  | { readonly kind: "ambiguous"; readonly reason: "partlyUnderstood"; readonly startsAt: number; readonly leftOver: string }
  /** "samedi 13 février" when 14 February is a Sunday: `startsAt` is local midnight of the date typed. */
  | { readonly kind: "ambiguous"; readonly reason: "weekdayMismatch"; readonly startsAt: number }
  /** "31/02", "30 février". */
  | { readonly kind: "invalidDate" }
  | { readonly kind: "endBeforeStart" }
  /** "jusqu'au 30 juin 2026" before the first occurrence. */
  | { readonly kind: "untilBeforeStart" };

export type ParseWhenResult =
  | { readonly ok: true; readonly when: ParsedWhen; readonly rest: string }
  | { readonly ok: false; readonly problem: WhenProblem };

const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/** Every match of `find` at word starts, left to right, without overlaps. */
function scan<T extends { readonly span: Span }>(folded: string, find: (at: number) => T | undefined): T[] {
  const found: T[] = [];
  for (let at = 0; at < folded.length; at++) {
    if (!isWordChar(folded[at]) || isWordChar(folded[at - 1])) continue;
    const match = find(at);
    if (match === undefined) continue;
    found.push(match);
    at = match.span.end - 1;
  }
  return found;
}

function daysIn(month: number): number {
  return [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** chrono silently skips "31/02" and reads "12/25" as 25 December: both deserve an explanation. */
function typedDateProblem(folded: string, upTo: number, language: Grammar): WhenProblem | null {
  const region = folded.slice(0, upTo);
  for (const m of region.matchAll(/(?<!\d)(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?(?!\d)/g)) {
    const [first, second] = [Number(m[1]), Number(m[2])];
    if (second >= 1 && second <= 12 && first >= 1 && first <= daysIn(second)) continue;
    const swapped = first >= 1 && first <= 12 && second >= 1 && second <= daysIn(first);
    return swapped ? { kind: "ambiguous", reason: "dayMonthOrder" } : { kind: "invalidDate" };
  }
  const months = monthsOf(language);
  const named = new RegExp(`(?<!\\d)(\\d{1,2})(?:er|st|nd|rd|th)?\\s+(${monthAlternatives(language)})(?![\\p{L}])`, "gu");
  for (const m of region.matchAll(named)) {
    const month = months[m[2] ?? ""] ?? 0;
    if (Number(m[1]) < 1 || Number(m[1]) > daysIn(month)) return { kind: "invalidDate" };
  }
  return null;
}

/** The title as typed: what follows the date phrase, minus any « jusqu'au … » found inside it. */
function restAfter(text: string, end: number, removed: readonly Span[]): string {
  let rest = text.slice(end);
  for (const span of [...removed].sort((a, b) => b.start - a.start)) {
    const before = rest.slice(0, span.start - end).trimEnd();
    const after = rest.slice(span.end - end).trimStart();
    rest = before === "" || after === "" ? before + after : `${before} ${after}`;
  }
  // "demain 18h, Réunion" and "demain 18h - Réunion"; a "--" description marker stays.
  return rest.trim().replace(/^(?:[,;:]+|[-–—](?=\s))\s*/, "");
}

/** A title that starts like a date or a time means the date phrase was only partly read. */
const DATE_LIKE_TITLE =
  /^(?:\d{1,2}\s*(?:h|:|heures?\b)|\d{1,2}[/.]\d{1,2}\b|\d{1,2}(?:er)?\s+(?:janv|fev|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec)|du \d{1,2}(?:er)? au\b|(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d|de \d{1,2}\s*(?:h|a|-)|(?:demain|aujourd'hui|du soir|du matin|a \d|et \d|ou \d|au \d|jusqu)(?![\p{L}]))/u;

/** A day named in the text; with none before the title, one inside it was probably meant. */
const DAY_WORD =
  /(?<![\p{L}\p{N}])(?:demain|aujourd'hui|auj|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|\d{1,2}\/\d{1,2}|\d{1,2}(?:er)?\s+(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre))(?![\p{L}])/u;

export function parseWhen(typed: string, options: ParseWhenOptions): ParseWhenResult {
  const grammar = grammarOf(options.language);
  const parsed = grammar === "fr" ? parseFrench(typed, options) : parseNormalized(typed, options).result;
  if (!parsed.ok || grammar !== "fr") return parsed;
  const title = foldSameLength(parsed.rest);
  if (DATE_LIKE_TITLE.test(title)) {
    return { ok: false, problem: { kind: "ambiguous", reason: "partlyUnderstood", startsAt: parsed.when.startsAt, leftOver: parsed.rest } };
  }
  const datePhrase = foldSameLength(typed.slice(0, Math.max(0, typed.length - parsed.rest.length)));
  if (DAY_WORD.test(title) && !DAY_WORD.test(datePhrase) && !/\b(?:tous|toutes|chaque|en semaine)\b/.test(datePhrase)) {
    return { ok: false, problem: { kind: "ambiguous", reason: "dayInTitle" } };
  }
  return parsed;
}

const PROBE_TAIL = 200;

/** The most leading words, rewritten, that the parser reads entirely as the date phrase. */
function parseFrench(typed: string, options: ParseWhenOptions): ParseWhenResult {
  const now = DateTime.fromMillis(options.now, { zone: options.timeZone });
  const all = normalizeFrench(typed, now);
  if (!all.ok) return { ok: false, problem: { kind: "ambiguous", reason: all.reason } };
  const first = parseNormalized(all.text, options);
  if (!first.result.ok || first.prefixEnd >= all.leadLength) return first.result;
  for (let words = all.words - 1; words > 0; words--) {
    const fewer = normalizeFrench(typed, now, words);
    if (!fewer.ok) continue;
    // Where the date phrase stops depends only on the words near it: a long title need not be read each time.
    const probe = parseNormalized(fewer.text.slice(0, fewer.leadLength + PROBE_TAIL), options);
    if (probe.result.ok && probe.prefixEnd >= fewer.leadLength) return parseNormalized(fewer.text, options).result;
  }
  return parseNormalized(typed, options).result;
}

/** `prefixEnd`: where the date phrase stopped in `text`. */
function parseNormalized(text: string, options: ParseWhenOptions): { result: ParseWhenResult; prefixEnd: number } {
  const language = grammarOf(options.language);
  const plain = plainPunctuation(text);
  const folded = foldSameLength(text);
  const today = DateTime.fromMillis(options.now, { zone: options.timeZone }).startOf("day");

  const rewriteContext = { language, plain, dayAfterTomorrow: today.plus({ days: 2 }).toFormat("dd/MM/yyyy") };
  const phrases: Phrase[] = scan(folded, (at) => phraseAt(folded, at, language));
  const substitutions: Substitution[] = scan(folded, (at) => substitutionAt(folded, at, rewriteContext)).filter(
    (substitution) => !phrases.some((phrase) => overlaps(phrase.span, substitution.span)),
  );
  const chronoText = phrases.reduce((result, phrase) => blank(result, phrase.span), applySubstitutions(plain, substitutions));

  const prefix = readDatePrefix({
    chronoText,
    folded,
    phrases,
    rewrites: substitutions.map((substitution) => substitution.span),
    language,
    // chrono reads the reference's local fields: a Date showing the room's date at noon in any process TZ.
    reference: new Date(today.year, today.month - 1, today.day, 12),
  });
  const typedProblem = typedDateProblem(folded, prefix?.end ?? wordEnds(folded)[2] ?? folded.length, language);
  if (typedProblem !== null) return { result: { ok: false, problem: typedProblem }, prefixEnd: 0 };
  if (prefix === null) return { result: { ok: false, problem: { kind: "notFound" } }, prefixEnd: 0 };

  const prefixEnd = prefix.end;
  const inside = prefix.phrases;
  const untilInTitle = phrases.filter((phrase) => (phrase.kind === "untilDay" || phrase.kind === "untilTime") && phrase.span.start >= prefixEnd);
  const untils = [...inside, ...untilInTitle];
  const untilDay = untils.find((phrase) => phrase.kind === "untilDay");
  const untilTime = untils.find((phrase) => phrase.kind === "untilTime");
  const repeat = inside.find((phrase) => phrase.kind === "repeat");
  const duration = inside.find((phrase) => phrase.kind === "duration");

  const resolved = resolveWhen(
    {
      reading: prefix.reading,
      repeat: repeat?.rule ?? null,
      allDay: inside.some((phrase) => phrase.kind === "allDay"),
      duration: duration === undefined ? null : { minutes: duration.minutes, days: duration.days },
      untilDay: untilDay?.day ?? null,
      untilTime: untilTime === undefined ? null : { hour: untilTime.hour, minute: untilTime.minute },
    },
    options,
  );
  if (!resolved.ok) return { result: resolved, prefixEnd };
  return { result: { ok: true, when: resolved.when, rest: restAfter(text, prefixEnd, untilInTitle.map((phrase) => phrase.span)) }, prefixEnd };
}
