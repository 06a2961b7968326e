import { parseWhen } from "../../src/agenda/parse-when.ts";
import { whenProblemText } from "../../src/agenda/when-problems.ts";
import { refuse, type CommandContext, type CommandResult } from "../../src/dispatch/command.ts";
import { t } from "../../src/i18n/catalog.ts";

export interface SessionTiming {
  readonly startsAt: number;
  readonly endsAt: number;
}

/** A session's date from plain words: one date and time, in the future, not repeating. */
export function readSessionTiming(context: CommandContext, text: string): SessionTiming | CommandResult {
  const { now, room, language, prefix } = context;
  const parsed = parseWhen(text, { now, timeZone: room.timeZone, language, defaultDurationMinutes: 120 });
  if (!parsed.ok) return refuse(whenProblemText(parsed.problem, language, room.timeZone, prefix));
  if (parsed.when.rrule !== null || parsed.when.allDay || parsed.rest !== "") {
    return refuse(t(language, "trainings.options.dateAndTimeNeeded"));
  }
  return { startsAt: parsed.when.startsAt, endsAt: parsed.when.endsAt };
}

export function isTiming(value: SessionTiming | CommandResult): value is SessionTiming {
  return "startsAt" in value;
}

/** Capacity (the `places:` option) must be a positive number of places: a friendly word for 0 or less. */
export function checkCapacity(context: CommandContext, places: number | undefined): CommandResult | undefined {
  if (places === undefined) return refuse(t(context.language, "trainings.options.placesMissing"));
  if (places < 1) return refuse(t(context.language, "trainings.options.placesTooFew", { places }));
  return undefined;
}

/** The `confirmation:` option not understood. */
export function confirmationRefusal(context: CommandContext): CommandResult {
  return refuse(t(context.language, "trainings.options.confirmationNotUnderstood"));
}

/** Sixty days: longer, a seat offered would stay blocked for a whole season (and the deadline overflow). */
export const MAX_CONFIRMATION_HOURS = 60 * 24;

/** "48h", "2j", "2d" → hours. */
export function readConfirmationHours(text: string | undefined): number | null | undefined {
  if (text === undefined) return null;
  const match = /^(\d+)\s*(h|heures?|hours?|j|jours?|d|days?)$/iu.exec(text.trim());
  if (match === null) return undefined;
  const value = Number(match[1]);
  const hours = /^[jd]/iu.test(match[2] ?? "") ? value * 24 : value;
  return hours >= 1 && hours <= MAX_CONFIRMATION_HOURS ? hours : undefined;
}
