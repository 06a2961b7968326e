import { DateTime } from "luxon";
import type { Answer } from "../../storage/agenda/answers-store.ts";
import { localeOf, type Language } from "../i18n/language.ts";

/** "jeu. 3 déc., 18:30–19:30" — one occurrence in a list, in the event's zone. */
export function shortWhen(startsAt: number, endsAt: number, allDay: boolean, timeZone: string, language: Language): string {
  const locale = localeOf(language);
  const start = DateTime.fromMillis(startsAt, { zone: timeZone }).setLocale(locale);
  // An all-day event ends at the midnight after its last day.
  const end = DateTime.fromMillis(allDay ? endsAt - 1 : endsAt, { zone: timeZone }).setLocale(locale);
  const day = (value: DateTime): string => value.toFormat(language === "fr" ? "ccc d LLL" : "ccc d LLL");
  if (allDay) {
    const whole = language === "fr" ? "toute la journée" : "all day";
    return start.hasSame(end, "day") ? `${day(start)}, ${whole}` : `${day(start)} – ${day(end)}`;
  }
  const time = (value: DateTime): string => value.toFormat("HH:mm");
  return start.hasSame(end, "day") ? `${day(start)}, ${time(start)}–${time(end)}` : `${day(start)} ${time(start)} – ${day(end)} ${time(end)}`;
}

export const ANSWER_EMOJI: Readonly<Record<Answer, string>> = { yes: "✅", maybe: "❓", no: "❌" };

/** "✅ 2 · ❓ 1 · ❌ 0" */
export function countsLine(counts: Readonly<Record<Answer, number>>): string {
  return (["yes", "maybe", "no"] as const).map((answer) => `${ANSWER_EMOJI[answer]} ${counts[answer]}`).join(" · ");
}
