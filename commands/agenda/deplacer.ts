import { fullWhen } from "../../src/agenda/format.ts";
import { parseWhen } from "../../src/agenda/parse-when.ts";
import { whenProblemText } from "../../src/agenda/when-problems.ts";
import { plainText, t } from "../../src/i18n/catalog.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { code } from "../../src/render/markdown.ts";
import { eventByNumber, isEvent, mayChange, numberArg, occurrenceOnDay, showCommand } from "./event-lookup.ts";

const SEPARATOR = /\s+(?:vers|to|→|->)\s+/iu;

export const deplacer = defineCommand({
  texts: "agenda.deplacer",
  group: "agenda",
  args: [numberArg, { name: "text", kind: "text" }],
  permission: "member",
  execute(context, { number, text }) {
    const found = eventByNumber(context, number);
    if (!isEvent(found)) return found;
    const refusal = mayChange(context, found);
    if (refusal !== undefined) return refusal;
    const { stores, now, language, settings, prefix } = context;
    if (found.rrule === null) {
      return refuse(t(language, "agenda.deplacer.notRepeating", { number, command: code(prefix + plainText(language, "agenda.example.editDate", { number })) }));
    }
    const [dayText, newText] = text.split(SEPARATOR);
    if (dayText === undefined || newText === undefined) {
      return refuse(t(language, "agenda.deplacer.noSeparator", { example: code(prefix + plainText(language, "agenda.example.move", { number })) }));
    }
    const occurrence = occurrenceOnDay(context, found, dayText);
    if (occurrence === undefined) return refuse(t(language, "agenda.deplacer.noSuchDate", { number, day: excerpt(dayText), show: showCommand(context, number) }));
    const moved = parseWhen(newText, { now, timeZone: found.timeZone, language, defaultDurationMinutes: Math.round((found.endsAt - found.startsAt) / 60_000) || settings.agenda.defaultDurationMinutes });
    if (!moved.ok) return refuse(whenProblemText(moved.problem, language, found.timeZone, prefix));
    if (moved.when.rrule !== null) return refuse(t(language, "agenda.deplacer.repeatingTarget"));
    stores.agenda.events.changeOccurrence(found.id, { originalStart: occurrence.originalStart, cancelled: false, startsAt: moved.when.startsAt, endsAt: moved.when.endsAt }, now);
    const from = fullWhen(occurrence.startsAt, occurrence.endsAt, found.allDay, found.timeZone, language);
    const to = fullWhen(moved.when.startsAt, moved.when.endsAt, moved.when.allDay, found.timeZone, language);
    return reply(t(language, "agenda.deplacer.moved", { title: found.title, from, to }));
  },
});
