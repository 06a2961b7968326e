import { shortWhen } from "../../src/agenda/format.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { md } from "../../src/render/markdown.ts";
import { eventByNumber, isEvent, mayChange, numberArg, occurrenceOnDay } from "./event-lookup.ts";


export const annuler = defineCommand({
  names: { fr: ["agenda annuler"], en: ["calendar cancel", "agenda cancel"] },
  group: "agenda",
  summary: { fr: "annuler un événement, ou une seule date d'un événement qui se répète", en: "cancel an event, or one date of a repeating event" },
  details: {
    fr: "`!agenda annuler 3` annule l'événement n°3 (il reste dans les calendriers, marqué annulé). `!agenda annuler 3 mardi 8 décembre` n'annule que cette date-là d'un événement qui se répète.",
    en: "`!calendar cancel 3` cancels event #3 (calendars show it as cancelled). `!calendar cancel 3 Tuesday 8 December` cancels only that date of a repeating event.",
  },
  args: [numberArg, { name: "day", kind: "text", optional: true, label: { fr: "date", en: "date" } }],
  permission: "member",
  execute(context, { number, day }) {
    const found = eventByNumber(context, number);
    if (!isEvent(found)) return found;
    const refusal = mayChange(context, found);
    if (refusal !== undefined) return refusal;
    const { stores, now, language } = context;
    if (found.status === "cancelled") {
      return refuse(language === "fr" ? md`L'événement n°${number} est déjà annulé.` : md`Event #${number} is already cancelled.`);
    }
    if (day === undefined) {
      stores.agenda.events.cancel(found.id, now);
      stores.agenda.announcements.markDirty(found.id, now);
      return reply(
        language === "fr"
          ? md`L'événement n°${number} « ${found.title} » est annulé. Les calendriers abonnés le montreront annulé.`
          : md`Event #${number} "${found.title}" is cancelled. Subscribed calendars will show it as cancelled.`,
      );
    }
    const occurrence = occurrenceOnDay(context, found, day);
    if (occurrence === undefined) {
      return refuse(
        language === "fr"
          ? md`L'événement n°${number} n'a pas de date à venir le « ${excerpt(day)} ». Voyez ses prochaines dates avec ${context.prefix}agenda voir ${number}.`
          : md`Event #${number} has no upcoming date on "${excerpt(day)}". See its next dates with ${context.prefix}calendar show ${number}.`,
      );
    }
    stores.agenda.events.changeOccurrence(found.id, { originalStart: occurrence.originalStart, cancelled: true }, now);
    const when = shortWhen(occurrence.startsAt, occurrence.endsAt, found.allDay, found.timeZone, language);
    return reply(
      language === "fr"
        ? md`C'est noté : « ${found.title} » n'aura pas lieu le ${when}. Les autres dates ne changent pas.`
        : md`Noted: "${found.title}" will not take place on ${when}. The other dates stay.`,
    );
  },
});
