import * as chrono from "chrono-node";
import type { Grammar } from "./grammar.ts";
import { onlyFillers, type Phrase, type TypedDay } from "./phrases.ts";
import { compactWhitespace, foldSameLength, originalSpan, overlaps, wordEnds, type Span } from "./text.ts";

export interface ClockTime {
  readonly hour: number;
  readonly minute: number;
}

/** What chrono read for one end of the range: only what was typed, nothing implied. */
export interface Moment {
  readonly day: TypedDay | null;
  /** luxon numbering: 1 = Monday … 7 = Sunday. */
  readonly weekday: number | null;
  readonly time: ClockTime | null;
}

export interface ChronoReading {
  readonly start: Moment;
  readonly end: Moment | null;
  /** "jeudi prochain" / "next Thursday", "jeudi dernier" / "last Thursday". */
  readonly weekdayModifier: "next" | "last" | null;
}

export interface DatePrefix {
  /** Where the date phrase stops in the text as typed. */
  readonly end: number;
  readonly reading: ChronoReading | null;
  /** The recognised phrases that lie inside the date phrase. */
  readonly phrases: readonly Phrase[];
}

export interface PrefixInput {
  /** The text with plain punctuation, rewrites applied and recognised phrases blanked. */
  readonly chronoText: string;
  /** The text as typed, accent-folded, same length. */
  readonly folded: string;
  readonly phrases: readonly Phrase[];
  /** Where the text was rewritten for chrono ("midi" → "12h "): a cut must not fall inside. */
  readonly rewrites: readonly Span[];
  readonly language: Grammar;
  /** Noon of the room's current day, as a Date in the process's zone (chrono reads local fields). */
  readonly reference: Date;
}

/** Date phrases are short; past this many words, whatever follows is the title. */
const MAX_WORDS = 20;

const PARSERS: Readonly<Record<Grammar, chrono.Chrono>> = { fr: chrono.fr.casual, en: chrono.en.GB };

function momentOf(components: chrono.ParsedComponents): Moment {
  const weekday = components.isCertain("weekday") ? components.get("weekday") : null;
  return {
    day: components.isCertain("day")
      ? {
          year: components.isCertain("year") ? (components.get("year") ?? null) : null,
          month: components.get("month") ?? 1,
          day: components.get("day") ?? 1,
        }
      : null,
    weekday: weekday === null ? null : weekday === 0 ? 7 : weekday,
    time: components.isCertain("hour") ? { hour: components.get("hour") ?? 0, minute: components.get("minute") ?? 0 } : null,
  };
}

/**
 * chrono's French parser borrows English meridiem guessing when it joins a day to a time range:
 * "samedi 22h-2h" ends at 14:00. French times are on a 24-hour clock, so the hours typed win.
 */
function frenchClock(text: string, start: Moment, end: Moment | null): { start: Moment; end: Moment | null } {
  const typed = [...text.matchAll(/(?<!\d)(\d{1,2})\s*[h:]\s*(\d{2})?(?!\d)/g)].map((m) => ({
    hour: Number(m[1]),
    minute: Number(m[2] ?? 0),
  }));
  const [first, second] = typed;
  return {
    start: start.time !== null && first !== undefined ? { ...start, time: first } : start,
    end: end !== null && end.time !== null && second !== undefined ? { ...end, time: second } : end,
  };
}

const hasDate = (moment: Moment) => moment.day !== null || moment.weekday !== null;

/**
 * chrono sometimes splits what belongs together ("samedi 13 février, de 14h à 18h" gives a date
 * and a time range): one result may give the day, one the time, never two of either.
 */
function merge(results: readonly chrono.ParsedResult[], folded: string, language: Grammar): ChronoReading | null {
  const readings = results.map((result) => {
    const text = folded.slice(result.index, result.index + result.text.length);
    const start = momentOf(result.start);
    const end = result.end === undefined || result.end === null ? null : momentOf(result.end);
    return language === "fr" ? { ...frenchClock(text, start, end), text } : { start, end, text };
  });
  const dated = readings.filter((reading) => hasDate(reading.start));
  const timed = readings.filter((reading) => reading.start.time !== null);
  if (dated.length > 1 || timed.length > 1) return null;
  if (readings.some((reading) => !hasDate(reading.start) && reading.start.time === null)) return null;
  const date = dated[0];
  const time = timed[0];
  const modifierText = date?.text ?? "";
  const weekdayModifier = /\b(?:prochaine?|next)\b/.test(modifierText)
    ? "next"
    : /\b(?:derniere?|last)\b/.test(modifierText)
      ? "last"
      : null;
  const start: Moment = {
    day: date?.start.day ?? null,
    weekday: date?.start.weekday ?? null,
    time: time?.start.time ?? null,
  };
  if (date === time) return { start, end: date?.end ?? null, weekdayModifier };
  const dateEnd = date?.end ?? null;
  const timeEnd = time?.end ?? null;
  const end: Moment | null =
    dateEnd === null && timeEnd === null
      ? null
      : { day: dateEnd?.day ?? null, weekday: dateEnd?.weekday ?? null, time: timeEnd?.time ?? null };
  return { start, end, weekdayModifier };
}

function insideAny(position: number, spans: readonly Span[]): boolean {
  return spans.some((span) => position > span.start && position < span.end);
}

/** A rewrite may be shorter than what it replaces ("midi" → "12h"): chrono's match covers all of it. */
function widen(span: Span, rewrites: readonly Span[]): Span {
  return rewrites
    .filter((rewrite) => overlaps(rewrite, span))
    .reduce((wide, rewrite) => ({ start: Math.min(wide.start, rewrite.start), end: Math.max(wide.end, rewrite.end) }), span);
}

function readUpTo(cut: number, input: PrefixInput): DatePrefix | null {
  const compacted = compactWhitespace(input.chronoText.slice(0, cut));
  const results = PARSERS[input.language].parse(compacted.text, input.reference);
  const phrases = input.phrases.filter((phrase) => phrase.span.end <= cut);
  if (results.length === 0 && phrases.length === 0) return null;
  const covered: Span[] = [
    ...results.map((result) => widen(originalSpan(compacted, result.index, result.index + result.text.length), input.rewrites)),
    ...phrases.map((phrase) => phrase.span),
  ];
  let leftover = input.folded.slice(0, cut);
  for (const span of covered) {
    leftover = leftover.slice(0, span.start) + " ".repeat(span.end - span.start) + leftover.slice(span.end);
  }
  if (!onlyFillers(leftover, input.language)) return null;
  const reading = results.length === 0 ? null : merge(results, foldSameLength(compacted.text), input.language);
  if (results.length > 0 && reading === null) return null;
  return { end: Math.max(...covered.map((span) => span.end)), reading, phrases };
}

/**
 * The longest run of words from the start that reads entirely as a date phrase. Trying every
 * word end, longest first, keeps chrono from gluing title words onto the date ("Soirée" read as
 * "soir", "Lundi de Pâques" as a second day): such a cut leaves words over and is refused.
 */
export function readDatePrefix(input: PrefixInput): DatePrefix | null {
  const cuts = wordEnds(input.folded)
    .slice(0, MAX_WORDS)
    .filter((cut) => !insideAny(cut, [...input.rewrites, ...input.phrases.map((phrase) => phrase.span)]));
  for (const cut of cuts.reverse()) {
    const prefix = readUpTo(cut, input);
    if (prefix !== null) return prefix;
  }
  return null;
}
