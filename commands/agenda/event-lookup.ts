import type { AgendaEvent, Occurrence } from "../../src/agenda/model.ts";
import { occurrencesBetween } from "../../src/agenda/occurrences.ts";
import { isOnDay, parseDay } from "../../src/agenda/parse-day.ts";
import { allows, refuse, type CommandContext, type CommandResult } from "../../src/dispatch/command.ts";
import { plainText, t } from "../../src/i18n/catalog.ts";
import { code, type Markdown } from "../../src/render/markdown.ts";

/** The room's event with that number, or the refusal to answer with. Other rooms' events are invisible. */
export function eventByNumber(context: CommandContext, number: number): AgendaEvent | CommandResult {
  const event = context.stores.agenda.events.byNumber(context.room.roomId, number);
  if (event !== undefined) return event;
  return refuse(t(context.language, "agenda.event.notFound", { number, list: code(context.prefix + plainText(context.language, "agenda.example.list")) }));
}

export function isEvent(value: AgendaEvent | CommandResult): value is AgendaEvent {
  return "uid" in value;
}

/** Its author may change an event; someone else's needs a moderator (or the centre's staff). */
export function mayChange(context: CommandContext, event: AgendaEvent): CommandResult | undefined {
  if (event.createdBy === context.sender.userId || allows(context.sender.level, "moderator")) return undefined;
  return refuse(t(context.language, "agenda.event.notYours", { number: event.number }));
}

/** `!agenda voir 3`, to point at an event's details and next dates. */
export function showCommand(context: CommandContext, number: number): Markdown {
  return code(context.prefix + plainText(context.language, "agenda.example.show", { number }));
}

/** Its label is `<command>.arg.number` in the catalog. */
export const numberArg = { name: "number", kind: "integer", min: 1 } as const;

export const LIMITS = { title: 200, location: 200, description: 2000 } as const;

const YEAR = 366 * 86_400_000;

/** The upcoming occurrence of `event` on the day named in `dayText` ("mardi 8 décembre", "8/12"). */
export function occurrenceOnDay(context: CommandContext, event: AgendaEvent, dayText: string): Occurrence | undefined {
  const wanted = parseDay(dayText, context.now, event.timeZone, context.language);
  if (wanted === undefined) return undefined;
  return occurrencesBetween(event, context.now, context.now + YEAR).find((candidate) => isOnDay(candidate.startsAt, wanted, event.timeZone));
}
