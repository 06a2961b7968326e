import { shortWhen, countsLine } from "../../src/agenda/format.ts";
import { occurrencesBetween } from "../../src/agenda/occurrences.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { code, joinMarkdown, md } from "../../src/render/markdown.ts";

const DAY = 86_400_000;
const SHOWN = 10;

export const agenda = defineCommand({
  names: { fr: ["agenda"], en: ["calendar"] },
  group: "agenda",
  summary: { fr: "les prochains événements du salon", en: "the room's upcoming events" },
  details: {
    fr: "Sans argument : les 10 prochains événements. `semaine` : les 7 prochains jours ; `mois` : les 31 prochains jours.",
    en: "Without argument: the next 10 events. `week`: the next 7 days; `month`: the next 31 days.",
  },
  args: [{ name: "period", kind: "choice", choices: ["semaine", "mois", "week", "month"], optional: true, label: { fr: "période", en: "period" } }],
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
      return reply(
        language === "fr"
          ? md`Rien de prévu pour l'instant. Ajoutez un événement, par exemple : ${code(`${prefix}agenda ajouter jeudi 18h30 Réunion du bureau @ Salle des fêtes`)}`
          : md`Nothing planned yet. Add an event, for example: ${code(`${prefix}calendar add Thursday 6:30pm Board meeting @ Town hall`)}`,
      );
    }
    const lines = shown.map(({ event, startsAt, endsAt }) => {
      const number = language === "fr" ? `n°${event.number}` : `#${event.number}`;
      const place = event.location === null ? "" : ` · 📍 ${event.location}`;
      const counts = countsLine(stores.agenda.answers.counts(event.id));
      return md`- **${number}** · ${shortWhen(startsAt, endsAt, event.allDay, event.timeZone, language)} · ${event.title}${place} · ${counts}`;
    });
    const title = language === "fr" ? md`**Agenda du salon**` : md`**Room calendar**`;
    const footer =
      language === "fr"
        ? md`Détails : ${code(`${prefix}agenda voir <n°>`)} · Calendrier à suivre dans votre application : ${code(`${prefix}agenda lien`)}`
        : md`Details: ${code(`${prefix}calendar show <#>`)} · Subscribe in your calendar app: ${code(`${prefix}calendar link`)}`;
    return reply(joinMarkdown([title, joinMarkdown(lines, "\n"), footer], "\n\n"));
  },
});
