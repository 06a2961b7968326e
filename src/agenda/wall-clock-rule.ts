import { DateTime } from "luxon";
import rrulePkg, { type RRule as RRuleType } from "rrule";

// rrule ships CommonJS as its Node entry point; its named exports are only reachable through the default.
const { RRule } = rrulePkg;

/**
 * The wall-clock fields of an instant in `timeZone`, stored in a Date's UTC fields: rrule's
 * "floating" time. Expanding in floating time and converting each result back with luxon keeps
 * 18:00 at 18:00 local on both sides of a DST change, whatever the process's own TZ is.
 */
export function toFloating(instant: number, timeZone: string): Date {
  const wall = DateTime.fromMillis(instant, { zone: timeZone });
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond));
}

/** Back from floating to an instant; a wall time skipped by DST moves forward (02:30 → 03:30), as luxon does. */
export function fromFloating(floating: Date, timeZone: string): number {
  return DateTime.fromObject(
    {
      year: floating.getUTCFullYear(),
      month: floating.getUTCMonth() + 1,
      day: floating.getUTCDate(),
      hour: floating.getUTCHours(),
      minute: floating.getUTCMinutes(),
      second: floating.getUTCSeconds(),
      millisecond: floating.getUTCMilliseconds(),
    },
    { zone: timeZone },
  ).toMillis();
}

/**
 * The rule in floating time, starting at `firstStart`. A UTC UNTIL becomes the wall time it
 * denotes in the zone; a DATE-only UNTIL (RFC 5545 for all-day events) covers its whole day.
 */
export function wallClockRule(rrule: string, firstStart: number, timeZone: string): RRuleType {
  const { dtstart: _ignored, tzid: _alsoIgnored, ...options } = RRule.parseString(rrule);
  const dateOnlyUntil = /UNTIL=(\d{4})(\d{2})(\d{2})(?:;|$)/i.exec(rrule);
  if (dateOnlyUntil !== null) {
    options.until = new Date(Date.UTC(Number(dateOnlyUntil[1]), Number(dateOnlyUntil[2]) - 1, Number(dateOnlyUntil[3]), 23, 59, 59));
  } else if (options.until !== undefined && options.until !== null) {
    options.until = toFloating(options.until.getTime(), timeZone);
  }
  return new RRule({ ...options, dtstart: toFloating(firstStart, timeZone) });
}

/** Floating starts in [after, before], at most `limit` of them, in order. */
export function floatingStarts(rule: RRuleType, after: Date, before: Date, limit: number): Date[] {
  return rule.between(after, before, true, (_date, index) => index < limit);
}
