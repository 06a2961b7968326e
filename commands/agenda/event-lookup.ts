import type { AgendaEvent, Occurrence } from "../../src/agenda/model.ts";
import { occurrencesBetween } from "../../src/agenda/occurrences.ts";
import { isOnDay, parseDay } from "../../src/agenda/parse-day.ts";
import { allows, refuse, type CommandContext, type CommandResult } from "../../src/dispatch/command.ts";
import { md } from "../../src/render/markdown.ts";

/** The room's event with that number, or the refusal to answer with. Other rooms' events are invisible. */
export function eventByNumber(context: CommandContext, number: number): AgendaEvent | CommandResult {
  const event = context.stores.agenda.events.byNumber(context.room.roomId, number);
  if (event !== undefined) return event;
  return refuse(
    context.language === "fr"
      ? md`Il n'y a pas d'événement n°${number} dans l'agenda de ce salon. Tapez ${context.prefix}agenda pour la liste.`
      : md`There is no event #${number} in this room's agenda. Type ${context.prefix}agenda for the list.`,
  );
}

export function isEvent(value: AgendaEvent | CommandResult): value is AgendaEvent {
  return "uid" in value;
}

/** Its author may change an event; someone else's needs a moderator (or the centre's staff). */
export function mayChange(context: CommandContext, event: AgendaEvent): CommandResult | undefined {
  if (event.createdBy === context.sender.userId || allows(context.sender.level, "moderator")) return undefined;
  return refuse(
    context.language === "fr"
      ? md`Seuls l'auteur de l'événement n°${event.number} et les modérateurs du salon peuvent le modifier ou l'annuler.`
      : md`Only the author of event #${event.number} and the room's moderators can change or cancel it.`,
  );
}

export const numberArg = { name: "number", kind: "integer", min: 1, label: { fr: "n°", en: "#" } } as const;

export const LIMITS = { title: 200, location: 200, description: 2000 } as const;

const YEAR = 366 * 86_400_000;

/** The upcoming occurrence of `event` on the day named in `dayText` ("mardi 8 décembre", "8/12"). */
export function occurrenceOnDay(context: CommandContext, event: AgendaEvent, dayText: string): Occurrence | undefined {
  const wanted = parseDay(dayText, context.now, event.timeZone, context.language);
  if (wanted === undefined) return undefined;
  return occurrencesBetween(event, context.now, context.now + YEAR).find((candidate) => isOnDay(candidate.startsAt, wanted, event.timeZone));
}
