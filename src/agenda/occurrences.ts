import { DateTime } from "luxon";
import type { AgendaEvent, Occurrence, OccurrenceException } from "./model.ts";
import { floatingStarts, fromFloating, toFloating, wallClockRule } from "./wall-clock-rule.ts";

/** One call never returns more than this, so a daily rule asked about a century stays cheap. */
export const MAX_OCCURRENCES = 5000;

const DAY = 86_400_000;
/** Floating time can be up to ±14 h from UTC, and a day more does no harm. */
const ZONE_SLACK = 2 * DAY;

/** Search windows for `nextOccurrence`, widening so a weekly event costs one small expansion. */
const NEXT_WINDOWS = [35 * DAY, 400 * DAY, 10 * 366 * DAY, 200 * 366 * DAY];

interface Original {
  readonly start: number;
  readonly end: number;
}

/** All-day events last whole local days, which are 23 or 25 hours long on DST days. */
function originalAt(event: AgendaEvent, start: number): Original {
  if (!event.allDay) return { start, end: start + (event.endsAt - event.startsAt) };
  const firstDay = DateTime.fromMillis(event.startsAt, { zone: event.timeZone }).startOf("day");
  const lastDay = DateTime.fromMillis(event.endsAt, { zone: event.timeZone }).startOf("day");
  const days = Math.max(1, Math.round(lastDay.diff(firstDay, "days").days));
  return { start, end: DateTime.fromMillis(start, { zone: event.timeZone }).plus({ days }).toMillis() };
}

/** Original starts whose unmoved occurrence may touch [from, to). */
function originalStarts(event: AgendaEvent, from: number, to: number): number[] {
  if (event.rrule === null) return [event.startsAt];
  const rule = wallClockRule(event.rrule, event.startsAt, event.timeZone);
  const length = originalAt(event, event.startsAt).end - event.startsAt;
  const after = new Date(toFloating(Math.max(from - length, event.startsAt), event.timeZone).getTime() - ZONE_SLACK);
  const before = new Date(toFloating(to, event.timeZone).getTime() + ZONE_SLACK);
  const starts = floatingStarts(rule, after, before, MAX_OCCURRENCES).map((floating) => fromFloating(floating, event.timeZone));
  // RFC 5545 §3.8.5.3: DTSTART is always the first instance, even when the rule would skip it.
  return starts.includes(event.startsAt) ? starts : [event.startsAt, ...starts];
}

function isOriginalStart(event: AgendaEvent, start: number): boolean {
  if (start === event.startsAt) return true;
  if (event.rrule === null || start < event.startsAt) return false;
  const rule = wallClockRule(event.rrule, event.startsAt, event.timeZone);
  const floating = toFloating(start, event.timeZone).getTime();
  return floatingStarts(rule, new Date(floating - DAY), new Date(floating + DAY), 10).some(
    (candidate) => fromFloating(candidate, event.timeZone) === start,
  );
}

function occurrenceOf(event: AgendaEvent, original: Original, exception: OccurrenceException | undefined): Occurrence {
  const startsAt = exception?.startsAt ?? original.start;
  const endsAt = exception?.endsAt ?? startsAt + (original.end - original.start);
  return {
    event,
    originalStart: original.start,
    startsAt,
    endsAt,
    cancelled: event.status === "cancelled" || (exception?.cancelled ?? false),
  };
}

function touches(occurrence: Occurrence, from: number, to: number): boolean {
  // A zero-length event at `from` still counts as inside the window.
  return occurrence.startsAt < to && Math.max(occurrence.endsAt, occurrence.startsAt + 1) > from;
}

/**
 * Occurrences overlapping [from, to), in start order, with exceptions applied (moved ones at their
 * new time, cancelled ones flagged cancelled). A cancelled event yields all its occurrences
 * flagged cancelled, so feeds can show them as such. At most MAX_OCCURRENCES.
 */
export function occurrencesBetween(event: AgendaEvent, from: number, to: number): Occurrence[] {
  if (to <= from) return [];
  const exceptions = new Map(event.exceptions.map((exception) => [exception.originalStart, exception]));
  const seen = new Set<number>();
  const found: Occurrence[] = [];
  for (const start of originalStarts(event, from, to)) {
    seen.add(start);
    found.push(occurrenceOf(event, originalAt(event, start), exceptions.get(start)));
  }
  // An occurrence moved into the window from far away is not among the expanded originals.
  for (const exception of event.exceptions) {
    if (seen.has(exception.originalStart) || exception.startsAt === undefined) continue;
    const moved = occurrenceOf(event, originalAt(event, exception.originalStart), exception);
    if (touches(moved, from, to) && isOriginalStart(event, exception.originalStart)) found.push(moved);
  }
  return found
    .filter((occurrence) => touches(occurrence, from, to))
    .sort((a, b) => a.startsAt - b.startsAt || a.originalStart - b.originalStart)
    .slice(0, MAX_OCCURRENCES);
}

/**
 * The next occurrence starting at or after `from`, or undefined. Cancelled occurrences count
 * (flagged): callers that remind members skip them, listings show them struck through.
 */
export function nextOccurrence(event: AgendaEvent, from: number): Occurrence | undefined {
  const windows = event.rrule === null ? [Math.max(1, event.startsAt - from + 1)] : NEXT_WINDOWS;
  const movedLate = event.exceptions.reduce((latest, exception) => Math.max(latest, exception.startsAt ?? 0), 0);
  for (const width of windows) {
    const to = Math.max(from + width, movedLate + 1);
    const next = occurrencesBetween(event, from, to).find((occurrence) => occurrence.startsAt >= from);
    if (next !== undefined) return next;
  }
  return undefined;
}
