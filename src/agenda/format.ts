import { DateTime } from "luxon";
import type { Answer } from "../../storage/agenda/answers-store.ts";
import { plainText } from "../i18n/catalog.ts";
import { localeOf, type Language } from "../i18n/language.ts";
import { longDayWithoutYear } from "./parse-when/describe.ts";

function when(startsAt: number, endsAt: number, allDay: boolean, timeZone: string, language: Language, day: (value: DateTime) => string): string {
  const locale = localeOf(language);
  const start = DateTime.fromMillis(startsAt, { zone: timeZone }).setLocale(locale);
  // An all-day event ends at the midnight after its last day.
  const end = DateTime.fromMillis(allDay ? endsAt - 1 : endsAt, { zone: timeZone }).setLocale(locale);
  if (allDay) {
    return start.hasSame(end, "day") ? plainText(language, "agenda.when.allDay", { day: day(start) }) : plainText(language, "agenda.when.dayRange", { first: day(start), last: day(end) });
  }
  const time = (value: DateTime): string => value.toFormat("HH:mm");
  return start.hasSame(end, "day")
    ? plainText(language, "agenda.when.sameDay", { day: day(start), start: time(start), end: time(end) })
    : plainText(language, "agenda.when.acrossDays", { startDay: day(start), start: time(start), endDay: day(end), end: time(end) });
}

/** "jeu. 3 déc., 18:30–19:30" — one occurrence in a compact list, in the event's zone. */
export function shortWhen(startsAt: number, endsAt: number, allDay: boolean, timeZone: string, language: Language): string {
  return when(startsAt, endsAt, allDay, timeZone, language, (value) => value.toFormat("ccc d LLL"));
}

/** "jeudi 3 décembre, 18:30–19:30" — one occurrence in running prose, in the event's zone. */
export function fullWhen(startsAt: number, endsAt: number, allDay: boolean, timeZone: string, language: Language): string {
  return when(startsAt, endsAt, allDay, timeZone, language, (value) => longDayWithoutYear(value, language));
}

export const ANSWER_EMOJI: Readonly<Record<Answer, string>> = { yes: "✅", maybe: "❓", no: "❌" };

/** "✅ 2 · ❓ 1 · ❌ 0" */
export function countsLine(counts: Readonly<Record<Answer, number>>): string {
  return (["yes", "maybe", "no"] as const).map((answer) => `${ANSWER_EMOJI[answer]} ${counts[answer]}`).join(" · ");
}
