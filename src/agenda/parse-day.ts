import * as chrono from "chrono-node";
import { DateTime } from "luxon";
import type { Language } from "../i18n/language.ts";
import { grammarOf } from "./parse-when/grammar.ts";

export interface LocalDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * A day named in plain words ("mardi 8 décembre", "8/12", "demain"), for picking one occurrence
 * of a recurring event. Relative words are read from `now` in the room's zone.
 */
export function parseDay(text: string, now: number, timeZone: string, language: Language): LocalDay | undefined {
  const reference = { instant: new Date(now), timezone: DateTime.fromMillis(now, { zone: timeZone }).offset };
  const parser = grammarOf(language) === "fr" ? chrono.fr : chrono.en.GB;
  const [result] = parser.parse(text, reference, { forwardDate: true });
  if (result === undefined) return undefined;
  const year = result.start.get("year");
  const month = result.start.get("month");
  const day = result.start.get("day");
  return year === null || month === null || day === null ? undefined : { year, month, day };
}

/** True when `instant` falls on that day in the zone. */
export function isOnDay(instant: number, day: LocalDay, timeZone: string): boolean {
  const local = DateTime.fromMillis(instant, { zone: timeZone });
  return local.year === day.year && local.month === day.month && local.day === day.day;
}
