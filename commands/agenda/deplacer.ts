import { shortWhen } from "../../src/agenda/format.ts";
import { parseWhen } from "../../src/agenda/parse-when.ts";
import { whenProblemText } from "../../src/agenda/when-problems.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { code, md } from "../../src/render/markdown.ts";
import { eventByNumber, isEvent, mayChange, numberArg, occurrenceOnDay } from "./event-lookup.ts";

const SEPARATOR = /\s+(?:vers|to|→|->)\s+/iu;

export const deplacer = defineCommand({
  names: { fr: ["agenda déplacer"], en: ["calendar move", "agenda move"] },
  group: "agenda",
  summary: { fr: "déplacer une seule date d'un événement qui se répète", en: "move one date of a repeating event" },
  details: {
    fr: "Exemple : `!agenda déplacer 3 mardi 8 décembre vers jeudi 10 décembre 18h`. Pour un événement qui ne se répète pas : `!agenda modifier 3 date …`.",
    en: "Example: `!calendar move 3 Tuesday 8 December to Thursday 10 December 6pm`. For a one-off event: `!calendar edit 3 date …`.",
  },
  args: [numberArg, { name: "text", kind: "text", label: { fr: "date vers nouvelle date", en: "date to new date" } }],
  permission: "member",
  execute(context, { number, text }) {
    const found = eventByNumber(context, number);
    if (!isEvent(found)) return found;
    const refusal = mayChange(context, found);
    if (refusal !== undefined) return refusal;
    const { stores, now, language, settings, prefix } = context;
    if (found.rrule === null) {
      return refuse(
        language === "fr"
          ? md`L'événement n°${number} ne se répète pas : changez sa date avec ${code(`${prefix}agenda modifier ${number} date <nouvelle date>`)}.`
          : md`Event #${number} does not repeat: change its date with ${code(`${prefix}calendar edit ${number} date <new date>`)}.`,
      );
    }
    const [dayText, newText] = text.split(SEPARATOR);
    if (dayText === undefined || newText === undefined) {
      return refuse(language === "fr" ? md`Indiquez la date à déplacer puis « vers » la nouvelle, par exemple : ${code(`${prefix}agenda déplacer ${number} 8/12 vers 10/12 18h`)}` : md`Give the date to move, then "to" the new one, for example: ${code(`${prefix}calendar move ${number} 8/12 to 10/12 6pm`)}`);
    }
    const occurrence = occurrenceOnDay(context, found, dayText);
    if (occurrence === undefined) {
      return refuse(language === "fr" ? md`L'événement n°${number} n'a pas de date à venir le « ${excerpt(dayText)} ».` : md`Event #${number} has no upcoming date on "${excerpt(dayText)}".`);
    }
    const moved = parseWhen(newText, { now, timeZone: found.timeZone, language, defaultDurationMinutes: Math.round((found.endsAt - found.startsAt) / 60_000) || settings.agenda.defaultDurationMinutes });
    if (!moved.ok) return refuse(whenProblemText(moved.problem, language, found.timeZone, prefix));
    if (moved.when.rrule !== null) {
      return refuse(language === "fr" ? md`Une seule date à la fois : la nouvelle date ne peut pas se répéter.` : md`One date at a time: the new date cannot repeat.`);
    }
    stores.agenda.events.changeOccurrence(found.id, { originalStart: occurrence.originalStart, cancelled: false, startsAt: moved.when.startsAt, endsAt: moved.when.endsAt }, now);
    const from = shortWhen(occurrence.startsAt, occurrence.endsAt, found.allDay, found.timeZone, language);
    const to = shortWhen(moved.when.startsAt, moved.when.endsAt, moved.when.allDay, found.timeZone, language);
    return reply(language === "fr" ? md`« ${found.title} » du ${from} est déplacé au ${to}.` : md`"${found.title}" of ${from} is moved to ${to}.`);
  },
});
