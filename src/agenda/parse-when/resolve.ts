import { DateTime } from "luxon";
import type { ParsedWhen, ParseWhenOptions, WhenProblem } from "../parse-when.ts";
import { fromFloating, toFloating, wallClockRule } from "../wall-clock-rule.ts";
import type { ChronoReading, ClockTime, Moment } from "./chrono-prefix.ts";
import type { TypedDay } from "./phrases.ts";
import { toRRuleValue, WEEKDAY_CODES, type RepeatRule } from "./recurrence.ts";

/** Everything the date phrase said, before any calendar arithmetic. */
export interface Gathered {
  readonly reading: ChronoReading | null;
  readonly repeat: RepeatRule | null;
  readonly allDay: boolean;
  readonly duration: { readonly minutes: number; readonly days: number } | null;
  readonly untilDay: TypedDay | null;
  readonly untilTime: ClockTime | null;
}

export type Resolved = { readonly ok: true; readonly when: ParsedWhen } | { readonly ok: false; readonly problem: WhenProblem };

const fail = (problem: WhenProblem): Resolved => ({ ok: false, problem });

/** "20h-8h" is a night shift; "18h-17h" is a typing slip, not a 23-hour event. */
const MAX_OVERNIGHT_HOURS = 12;

/** A day typed without a year is the next such day: 12/12 typed on 13 December is next year's. */
function dayOnOrAfter(typed: TypedDay, notBefore: DateTime): DateTime | null {
  const zone = notBefore.zone;
  if (typed.year !== null) {
    const day = DateTime.fromObject({ year: typed.year, month: typed.month, day: typed.day }, { zone });
    return day.isValid ? day : null;
  }
  // Up to eight years ahead, for 29 February.
  for (let year = notBefore.year; year <= notBefore.year + 8; year++) {
    const day = DateTime.fromObject({ year, month: typed.month, day: typed.day }, { zone });
    if (day.isValid && day >= notBefore.startOf("day")) return day;
  }
  return null;
}

function atTime(day: DateTime, time: ClockTime): DateTime {
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute },
    { zone: day.zone },
  );
}

/** "jeudi" is the coming Thursday (today if its time is still ahead); "jeudi prochain" is never today. */
function dayOfWeekday(weekday: number, modifier: ChronoReading["weekdayModifier"], time: ClockTime | null, now: DateTime): DateTime {
  const today = now.startOf("day");
  const ahead = (weekday - today.weekday + 7) % 7;
  if (modifier === "last") return today.minus({ days: (today.weekday - weekday + 7) % 7 || 7 });
  if (modifier === "next") return today.plus({ days: ahead || 7 });
  const passed = ahead === 0 && time !== null && atTime(today, time) < now;
  return today.plus({ days: passed ? 7 : ahead });
}

/**
 * The end's day: typed, or a later weekday ("samedi 22h au dimanche 2h"), or the start's day. A
 * typed end without a year only rolls into the next year across New Year ("du 28 décembre au
 * 3 janvier"); "du 16 au 14 février" stays a mistake instead of lasting a year.
 */
function endDay(end: Moment, startDay: DateTime): DateTime | null {
  if (end.day !== null) {
    const sameYear = dayOnOrAfter({ ...end.day, year: end.day.year ?? startDay.year }, startDay);
    if (end.day.year !== null || sameYear === null || sameYear >= startDay || end.day.month >= startDay.month) return sameYear;
    return dayOnOrAfter(end.day, startDay);
  }
  if (end.weekday !== null && end.weekday !== startDay.weekday) {
    return startDay.plus({ days: (end.weekday - startDay.weekday + 7) % 7 });
  }
  return startDay;
}

const explicitEndDay = (end: Moment | null, startDay: DateTime) =>
  end !== null && (end.day !== null || (end.weekday !== null && end.weekday !== startDay.weekday));

function endOfDayUtc(day: DateTime): number {
  return day.set({ hour: 23, minute: 59, second: 59, millisecond: 0 }).toMillis();
}

interface Span {
  readonly start: DateTime;
  readonly end: DateTime;
}

/**
 * "22h-2h" ends the next morning. chrono sometimes moves such an end to the next day itself, so a
 * next-day end earlier in the day than the start, without a weekday of its own, is treated alike.
 * Either way "18h-17h" is a slip rather than a 23-hour event.
 */
function overnightEnd(end: Moment, lastDay: DateTime, endAt: DateTime, start: DateTime): DateTime | null {
  const startDay = start.startOf("day");
  let wrapped: DateTime | null = null;
  if (endAt <= start && lastDay.hasSame(startDay, "day")) wrapped = endAt.plus({ days: 1 });
  const earlierInDay = endAt.hour * 60 + endAt.minute < start.hour * 60 + start.minute;
  const ownWeekday = end.weekday !== null && end.weekday !== startDay.weekday;
  if (lastDay.hasSame(startDay.plus({ days: 1 }), "day") && earlierInDay && !ownWeekday) wrapped = endAt;
  if (wrapped === null) return endAt;
  return wrapped.diff(start, "hours").hours <= MAX_OVERNIGHT_HOURS ? wrapped : null;
}

function timedSpan(gathered: Gathered, day: DateTime, time: ClockTime, options: ParseWhenOptions): Span | WhenProblem {
  const start = atTime(day, time);
  const { reading, untilTime, duration } = gathered;
  let end: DateTime | null;
  if (reading?.end !== null && reading?.end !== undefined) {
    const lastDay = endDay(reading.end, day);
    if (lastDay === null) return { kind: "invalidDate" };
    end = overnightEnd(reading.end, lastDay, atTime(lastDay, reading.end.time ?? time), start);
  } else if (untilTime !== null) {
    end = overnightEnd({ day: null, weekday: null, time: untilTime }, day, atTime(day, untilTime), start);
  } else if (duration !== null) {
    end = start.plus({ days: duration.days, minutes: duration.minutes });
  } else {
    end = start.plus({ minutes: options.defaultDurationMinutes });
  }
  return end === null || end <= start ? { kind: "endBeforeStart" } : { start, end };
}

function allDaySpan(gathered: Gathered, day: DateTime): Span | WhenProblem {
  const { reading, duration, untilDay, repeat } = gathered;
  let last: DateTime | null = day;
  if (reading?.end !== null && reading?.end !== undefined) last = endDay(reading.end, day);
  else if (duration !== null && duration.days > 0) last = day.plus({ days: duration.days - 1 });
  else if (repeat === null && untilDay !== null) last = dayOnOrAfter(untilDay, day);
  if (last === null) return { kind: "invalidDate" };
  if (last < day) return { kind: "endBeforeStart" };
  return { start: day, end: last.plus({ days: 1 }) };
}

/** Fills in what the rule leaves to the start date: "toutes les deux semaines" + "jeudi" → BYDAY=TH. */
function completeRule(repeat: RepeatRule, start: Moment | null, day: DateTime): RepeatRule | null {
  const weekday = WEEKDAY_CODES[day.weekday - 1] ?? "MO";
  const typedDay = start?.day !== null && start?.day !== undefined;
  const typedWeekday = typedDay || (start?.weekday ?? null) !== null;
  switch (repeat.freq) {
    case "WEEKLY":
      if (repeat.weekdays.length > 0) return repeat;
      return typedWeekday ? { ...repeat, weekdays: [weekday] } : null;
    case "MONTHLY":
      if (repeat.monthDay !== null && (repeat.monthDay < 1 || repeat.monthDay > 31)) return null;
      if (repeat.weekdays.length > 0 || repeat.monthDay !== null) return repeat;
      return typedDay ? { ...repeat, monthDay: day.day } : null;
    case "YEARLY":
      return typedDay ? repeat : null;
    case "DAILY":
      return repeat;
  }
}

/**
 * The first occurrence not yet started (all-day: not yet over), on or after the typed day. With
 * no day typed, "un mardi sur deux" starts on the coming Tuesday, not in the week of today.
 */
function recurring(gathered: Gathered, rule: RepeatRule, span: Span, allDay: boolean, typedDay: boolean, now: DateTime): Resolved {
  const zone = String(now.zoneName);
  const threshold = (allDay ? now.startOf("day") : now).toMillis();
  const length = toFloating(span.end.toMillis(), zone).getTime() - toFloating(span.start.toMillis(), zone).getTime();

  let untilUtc: number | null = null;
  if (gathered.untilDay !== null) {
    const until = dayOnOrAfter(gathered.untilDay, span.start);
    if (until === null) return fail({ kind: "invalidDate" });
    if (until < span.start.startOf("day")) return fail({ kind: "untilBeforeStart" });
    untilUtc = endOfDayUtc(until);
  }

  let anchor = span.start.toMillis();
  if (!typedDay && rule.interval > 1) {
    const everyPeriod = wallClockRule(toRRuleValue({ ...rule, interval: 1 }, null), anchor, zone);
    const phase = everyPeriod.after(toFloating(Math.max(threshold, anchor), zone), true);
    if (phase !== null) anchor = fromFloating(phase, zone);
  }
  const rrule = toRRuleValue(rule, untilUtc);
  const expander = wallClockRule(rrule, anchor, zone);
  const firstFloating = expander.after(toFloating(Math.max(threshold, anchor), zone), true);
  if (firstFloating === null) {
    const last = expander.before(toFloating(threshold, zone), true);
    return fail({ kind: "past", startsAt: last === null ? anchor : fromFloating(last, zone) });
  }
  const startsAt = fromFloating(firstFloating, zone);
  return {
    ok: true,
    when: { startsAt, endsAt: fromFloating(new Date(firstFloating.getTime() + length), zone), allDay, rrule },
  };
}

export function resolveWhen(gathered: Gathered, options: ParseWhenOptions): Resolved {
  const { reading, repeat, allDay: allDayTyped, untilDay } = gathered;
  const now = DateTime.fromMillis(options.now, { zone: options.timeZone });
  const today = now.startOf("day");
  const start = reading?.start ?? null;
  const time = start?.time ?? null;
  // "pendant 2h" or "jusqu'au 30 juin" alone say nothing about when it starts.
  if (reading === null && repeat === null && !allDayTyped) return fail({ kind: "notFound" });
  if (allDayTyped && time !== null) return fail({ kind: "ambiguous", reason: "timeAndAllDay" });

  let day: DateTime | null = null;
  if (start?.day !== null && start?.day !== undefined) {
    day = dayOnOrAfter(start.day, today);
    if (day === null) return fail({ kind: "invalidDate" });
    if (start.weekday !== null && start.weekday !== day.weekday) {
      return fail({ kind: "ambiguous", reason: "weekdayMismatch", startsAt: day.toMillis() });
    }
  } else if (start?.weekday !== null && start?.weekday !== undefined) {
    day = dayOfWeekday(start.weekday, reading?.weekdayModifier ?? null, time, now);
  }

  const rule = repeat === null ? null : completeRule(repeat, start, day ?? today);
  if (repeat !== null && rule === null) return fail({ kind: "ambiguous", reason: "noDay" });
  if (day === null && rule === null && time === null) return fail({ kind: "ambiguous", reason: "noDay" });
  const firstDay = day ?? today;

  const dayRange = reading?.end !== null && reading?.end !== undefined && reading.end.time === null && explicitEndDay(reading.end, firstDay);
  const wholeDays = (gathered.duration?.days ?? 0) > 0 && (gathered.duration?.minutes ?? 0) === 0;
  const allDay = allDayTyped || (time === null && (wholeDays || (rule === null && (dayRange || untilDay !== null))));
  if (!allDay && time === null) return fail({ kind: "ambiguous", reason: "noTime" });
  if (!allDay && rule === null && untilDay !== null) return fail({ kind: "ambiguous", reason: "untilWithoutRepeat" });

  const span = allDay || time === null ? allDaySpan(gathered, firstDay) : timedSpan(gathered, firstDay, time, options);
  if (!("start" in span)) return fail(span);
  if (rule !== null) return recurring(gathered, rule, span, allDay, day !== null, now);

  const over = allDay ? span.end <= now : span.start < now;
  if (over) return fail({ kind: "past", startsAt: span.start.toMillis() });
  return { ok: true, when: { startsAt: span.start.toMillis(), endsAt: span.end.toMillis(), allDay, rrule: null } };
}
