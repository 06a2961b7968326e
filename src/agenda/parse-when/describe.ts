import { DateTime, Info } from "luxon";
import { plainText } from "../../i18n/catalog.ts";
import { localeOf, type Language } from "../../i18n/language.ts";
import type { ParsedWhen } from "../parse-when.ts";
import { readRRuleValue, WEEKDAY_CODES, type ReadRRule, type WeekdayCode } from "./recurrence.ts";

/** Zones whose usual name is not the last part of the IANA name, or needs an article: their catalog key. */
const NAMED_ZONES: Readonly<Record<string, string>> = {
  "Europe/Paris": "paris",
  "Indian/Reunion": "reunion",
  "America/Martinique": "martinique",
  "America/Guadeloupe": "guadeloupe",
  "America/Miquelon": "miquelon",
  "Pacific/Noumea": "noumea",
  "Europe/Brussels": "brussels",
  "Europe/London": "london",
  "America/Montreal": "montreal",
  "America/Toronto": "toronto",
};

type NamedZoneKey = `agenda.zone.${"paris" | "reunion" | "martinique" | "guadeloupe" | "miquelon" | "noumea" | "brussels" | "london" | "montreal" | "toronto"}`;

export function zoneLabel(timeZone: string, language: Language): string {
  const known = NAMED_ZONES[timeZone];
  if (known !== undefined) return plainText(language, `agenda.zone.${known}` as NamedZoneKey);
  if (/^(?:Etc\/)?(?:UTC|GMT|Zulu|UCT|Universal)$/.test(timeZone)) return "UTC";
  const city = (timeZone.split("/").pop() ?? timeZone).replace(/_/g, " ");
  // French elides "de" before a vowel ("heure d’Abidjan"); the catalog decides what to do with it.
  return plainText(language, "agenda.zone.city", { city, vowel: /^[AEIOUYÉaeiouy]/.test(city) ? "yes" : "no" });
}

function weekdayName(weekday: number, language: Language): string {
  return Info.weekdays("long", { locale: localeOf(language) })[weekday - 1] ?? String(weekday);
}

function monthName(month: number, language: Language): string {
  return Info.months("long", { locale: localeOf(language) })[month - 1] ?? String(month);
}

/** "mardi 1er décembre 2026", "Tuesday 1 December 2026". */
export function longDay(day: DateTime, language: Language): string {
  return plainText(language, "agenda.date.full", { weekday: weekdayName(day.weekday, language), day: day.day, month: monthName(day.month, language), year: String(day.year) });
}

/** "mardi 1er décembre", "Tuesday 1 December": a date of the coming months, in running prose. */
export function longDayWithoutYear(day: DateTime, language: Language): string {
  return plainText(language, "agenda.date.weekdayDayMonth", { weekday: weekdayName(day.weekday, language), day: day.day, month: monthName(day.month, language) });
}

function dateWithoutYear(day: DateTime, language: Language): string {
  return plainText(language, "agenda.date.dayMonth", { day: day.day, month: monthName(day.month, language) });
}

export function dateWithoutWeekday(day: DateTime, language: Language): string {
  return plainText(language, "agenda.date.dayMonthYear", { day: day.day, month: monthName(day.month, language), year: String(day.year) });
}

const clock = (moment: DateTime) => moment.toFormat("HH:mm");

const POSITIONS: Readonly<Record<string, string>> = { "1": "first", "2": "second", "3": "third", "4": "fourth", "-1": "last" };

const isWorkingWeek = (days: readonly WeekdayCode[]) =>
  days.length === 5 && ["MO", "TU", "WE", "TH", "FR"].every((day) => days.includes(day as WeekdayCode));

function list(items: readonly string[], language: Language): string {
  return new Intl.ListFormat(localeOf(language), { type: "conjunction" }).format(items);
}

function dayNames(days: readonly WeekdayCode[], language: Language): string[] {
  return days.map((code) => weekdayName(WEEKDAY_CODES.indexOf(code) + 1, language));
}

function ruleText(rule: ReadRRule, start: DateTime, language: Language): string {
  const interval = rule.interval;
  const names = dayNames(rule.weekdays, language);
  switch (rule.freq) {
    case "DAILY":
      return plainText(language, "agenda.repeat.daily", { interval });
    case "WEEKLY":
      if (names.length === 0) return plainText(language, "agenda.repeat.weekly", { interval });
      if (interval === 1 && isWorkingWeek(rule.weekdays)) return plainText(language, "agenda.repeat.workingDays");
      if (interval === 1) return plainText(language, "agenda.repeat.everyWeekOn", { days: list(names.map((day) => plainText(language, "agenda.repeat.everyWeekday", { day })), language) });
      if (names.length === 1) return plainText(language, "agenda.repeat.everyFewWeeksOnOneDay", { interval, day: names[0] ?? "" });
      return plainText(language, "agenda.repeat.everyFewWeeksOnDays", { interval, days: list(names.map((day) => plainText(language, "agenda.repeat.onWeekday", { day })), language) });
    case "MONTHLY":
      if (names.length > 0 && rule.setPosition !== null) {
        const position = POSITIONS[String(rule.setPosition)] ?? String(rule.setPosition);
        return plainText(language, "agenda.repeat.monthlyOnWeekday", { position, days: list(names, language), interval });
      }
      return plainText(language, "agenda.repeat.monthlyOnDay", { day: rule.monthDay ?? start.day, interval });
    case "YEARLY":
      return plainText(language, "agenda.repeat.yearly", { interval, date: dateWithoutYear(start, language) });
  }
}

function describeRecurring(when: ParsedWhen, rrule: string, start: DateTime, end: DateTime, timeZone: string, language: Language): string {
  const rule = readRRuleValue(rrule);
  const repeat = rule === null ? plainText(language, "agenda.repeat.unknown", { rule: rrule }) : ruleText(rule, start, language);
  const parts: string[] = [
    when.allDay
      ? plainText(language, "agenda.repeat.allDay", { repeat })
      : plainText(language, "agenda.repeat.timed", { repeat, start: clock(start), end: clock(end), zone: zoneLabel(timeZone, language) }),
    plainText(language, "agenda.repeat.from", { day: longDay(start, language) }),
  ];
  if (rule?.untilUtc !== null && rule?.untilUtc !== undefined) {
    parts.push(plainText(language, "agenda.repeat.until", { date: dateWithoutWeekday(DateTime.fromMillis(rule.untilUtc, { zone: timeZone }), language) }));
  }
  if (rule?.count !== null && rule?.count !== undefined) parts.push(plainText(language, "agenda.repeat.count", { count: rule.count }));
  return parts.join(", ");
}

/**
 * The confirmation Minou prints after reading a date: weekday, full date with year, 24-hour times
 * and the zone, so a misread day or year is obvious to the member.
 */
export function describeWhen(when: ParsedWhen, timeZone: string, language: Language): string {
  const start = DateTime.fromMillis(when.startsAt, { zone: timeZone });
  const end = DateTime.fromMillis(when.endsAt, { zone: timeZone });
  if (when.rrule !== null) return describeRecurring(when, when.rrule, start, end, timeZone, language);
  if (when.allDay) {
    const lastDay = end.minus({ days: 1 }).startOf("day");
    if (lastDay <= start.startOf("day")) return plainText(language, "agenda.when.allDay", { day: longDay(start, language) });
    return plainText(language, "agenda.when.days", { first: longDay(start, language), last: longDay(lastDay, language) });
  }
  const zone = zoneLabel(timeZone, language);
  if (start.hasSame(end, "day") || end.equals(start.plus({ days: 1 }).startOf("day"))) {
    return plainText(language, "agenda.when.timed", { day: longDay(start, language), start: clock(start), end: clock(end), zone });
  }
  return plainText(language, "agenda.when.overDays", { startDay: longDay(start, language), start: clock(start), endDay: longDay(end, language), end: clock(end), zone });
}
