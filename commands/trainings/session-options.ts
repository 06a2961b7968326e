import { parseWhen } from "../../src/agenda/parse-when.ts";
import { whenProblemText } from "../../src/agenda/when-problems.ts";
import { refuse, type CommandContext, type CommandResult } from "../../src/dispatch/command.ts";
import { md } from "../../src/render/markdown.ts";

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
    return refuse(language === "fr" ? md`Donnez une date et une heure pour la session, par exemple « jeudi 3 décembre 14h-16h ».` : md`Give a date and a time for the session, for example "Thursday 3 December 2pm-4pm".`);
  }
  return { startsAt: parsed.when.startsAt, endsAt: parsed.when.endsAt };
}

export function isTiming(value: SessionTiming | CommandResult): value is SessionTiming {
  return "startsAt" in value;
}

/** Capacity must be a positive number of places: a friendly word for 0 or less. */
export function checkCapacity(context: CommandContext, places: number | undefined): CommandResult | undefined {
  if (places === undefined) {
    return refuse(context.language === "fr" ? md`Indiquez le nombre de places, par exemple places:10.` : md`Give the number of places, for example places:10.`);
  }
  if (places < 1) return refuse(context.language === "fr" ? md`Il faut au moins une place (places:${places} n'est pas possible).` : md`At least one place is needed (places:${places} is not possible).`);
  return undefined;
}

/** "48h", "2j", "2d" → hours. */
/** Sixty days: longer, a seat offered would stay blocked for a whole season (and the deadline overflow). */
export const MAX_CONFIRMATION_HOURS = 60 * 24;

export function readConfirmationHours(text: string | undefined): number | null | undefined {
  if (text === undefined) return null;
  const match = /^(\d+)\s*(h|heures?|hours?|j|jours?|d|days?)$/iu.exec(text.trim());
  if (match === null) return undefined;
  const value = Number(match[1]);
  const hours = /^[jd]/iu.test(match[2] ?? "") ? value * 24 : value;
  return hours >= 1 && hours <= MAX_CONFIRMATION_HOURS ? hours : undefined;
}
