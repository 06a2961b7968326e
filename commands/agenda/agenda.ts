import { shortWhen, countsLine } from "../../src/agenda/format.ts";
import { occurrencesBetween } from "../../src/agenda/occurrences.ts";
import { plainText, t } from "../../src/i18n/catalog.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { code, joinMarkdown } from "../../src/render/markdown.ts";

const DAY = 86_400_000;
const SHOWN = 10;

export const agenda = defineCommand({
  texts: "agenda.agenda",
  group: "agenda",
  args: [{ name: "period", kind: "choice", choices: ["semaine", "mois", "week", "month"], optional: true }],
  permission: "member",
  readOnly: true,
  execute({ stores, room, now, language, prefix }, { period }) {
    const days = period === "semaine" || period === "week" ? 7 : period === "mois" || period === "month" ? 31 : 366;
    const occurrences = stores.agenda.events
      .inRoom(room.roomId)
      .filter((event) => event.status === "confirmed")
      .flatMap((event) => occurrencesBetween(event, now, now + days * DAY))
      .filter((occurrence) => !occurrence.cancelled && occurrence.endsAt > now)
      .sort((a, b) => a.startsAt - b.startsAt);
    const shown = period === undefined ? occurrences.slice(0, SHOWN) : occurrences.slice(0, 50);
    if (shown.length === 0) {
      return reply(t(language, "agenda.agenda.empty", { example: code(prefix + plainText(language, "agenda.example.addWithPlace")) }));
    }
    const lines = shown.map(({ event, startsAt, endsAt }) => {
      const values = {
        number: event.number,
        when: shortWhen(startsAt, endsAt, event.allDay, event.timeZone, language),
        title: event.title,
        counts: countsLine(stores.agenda.answers.counts(event.id)),
      };
      return event.location === null ? t(language, "agenda.agenda.line", values) : t(language, "agenda.agenda.lineWithPlace", { ...values, place: event.location });
    });
    const footer = t(language, "agenda.agenda.footer", {
      show: code(prefix + plainText(language, "agenda.example.show", { number: plainText(language, "agenda.example.numberPlaceholder") })),
      link: code(prefix + plainText(language, "agenda.example.link")),
    });
    return reply(joinMarkdown([t(language, "agenda.agenda.title"), joinMarkdown(lines, "\n"), footer], "\n\n"));
  },
});
