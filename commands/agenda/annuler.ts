import { fullWhen } from "../../src/agenda/format.ts";
import { t } from "../../src/i18n/catalog.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { eventByNumber, isEvent, mayChange, numberArg, occurrenceOnDay, showCommand } from "./event-lookup.ts";

export const annuler = defineCommand({
  texts: "agenda.annuler",
  group: "agenda",
  args: [numberArg, { name: "day", kind: "text", optional: true }],
  permission: "member",
  execute(context, { number, day }) {
    const found = eventByNumber(context, number);
    if (!isEvent(found)) return found;
    const refusal = mayChange(context, found);
    if (refusal !== undefined) return refusal;
    const { stores, now, language } = context;
    if (found.status === "cancelled") return refuse(t(language, "agenda.annuler.alreadyCancelled", { number }));
    if (day === undefined) {
      stores.agenda.events.cancel(found.id, now);
      stores.agenda.announcements.markDirty(found.id, now);
      return reply(t(language, "agenda.annuler.cancelled", { number, title: found.title }));
    }
    const occurrence = occurrenceOnDay(context, found, day);
    if (occurrence === undefined) return refuse(t(language, "agenda.annuler.noSuchDate", { number, day: excerpt(day), show: showCommand(context, number) }));
    stores.agenda.events.changeOccurrence(found.id, { originalStart: occurrence.originalStart, cancelled: true }, now);
    const when = fullWhen(occurrence.startsAt, occurrence.endsAt, found.allDay, found.timeZone, language);
    return reply(t(language, "agenda.annuler.dateCancelled", { title: found.title, when }));
  },
});
