import { randomUUID } from "node:crypto";
import { queuedFor } from "../../src/pipeline/purpose.ts";
import { ANNOUNCEMENT, announcementKey, announcementText } from "../../src/agenda/announcement.ts";
import { splitEventText } from "../../src/agenda/event-text.ts";
import { parseWhen } from "../../src/agenda/parse-when.ts";
import { whenProblemText } from "../../src/agenda/when-problems.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { md } from "../../src/render/markdown.ts";
import { LIMITS } from "./event-lookup.ts";

export const ajouter = defineCommand({
  names: { fr: ["agenda ajouter"], en: ["calendar add", "agenda add"] },
  group: "agenda",
  summary: { fr: "ajouter un événement, en français courant", en: "add an event, in plain words" },
  details: {
    fr: "Exemples : `!agenda ajouter jeudi prochain 18h30 Réunion du bureau @ Salle des fêtes`, `!agenda ajouter 12/12 20h-22h Loto`, `!agenda ajouter samedi 13 février toute la journée Vide-grenier`, `!agenda ajouter tous les mardis à 18h Chorale jusqu'au 30 juin`. Le lieu suit `@` (ou « à » suivi d'une majuscule), une description suit `--`.",
    en: "Examples: `!calendar add next Thursday 6:30pm Board meeting @ Town hall`, `!calendar add 12/12 8pm-10pm Bingo`, `!calendar add every Tuesday at 6pm Choir until 30 June`. The place follows `@`, a description follows `--`.",
  },
  args: [{ name: "text", kind: "text", label: { fr: "quand et quoi", en: "when and what" } }],
  permission: "member",
  execute(context, { text }) {
    const { stores, room, now, language, sender, settings, prefix } = context;
    const parsed = parseWhen(text, { now, timeZone: room.timeZone, language, defaultDurationMinutes: settings.agenda.defaultDurationMinutes });
    if (!parsed.ok) return refuse(whenProblemText(parsed.problem, language, room.timeZone, prefix));
    const { title, location, description } = splitEventText(parsed.rest);
    if (title === "") {
      return refuse(
        language === "fr"
          ? md`J'ai compris la date, mais il manque le titre de l'événement. Exemple : ${prefix}agenda ajouter jeudi 18h30 Réunion du bureau`
          : md`I understood the date, but the event's title is missing. Example: ${prefix}calendar add Thursday 6:30pm Board meeting`,
      );
    }
    const tooLong = title.length > LIMITS.title || (location?.length ?? 0) > LIMITS.location || (description?.length ?? 0) > LIMITS.description;
    if (tooLong) {
      return refuse(
        language === "fr"
          ? md`C'est un peu long : ${LIMITS.title} caractères au plus pour le titre et le lieu, ${LIMITS.description} pour la description.`
          : md`That is a bit long: at most ${LIMITS.title} characters for the title and place, ${LIMITS.description} for the description.`,
      );
    }
    const event = stores.agenda.events.create(
      {
        roomId: room.roomId,
        uid: `${randomUUID()}@minou`,
        title,
        location,
        description,
        startsAt: parsed.when.startsAt,
        endsAt: parsed.when.endsAt,
        allDay: parsed.when.allDay,
        timeZone: room.timeZone,
        rrule: parsed.when.rrule,
        createdBy: sender.userId,
      },
      now,
    );
    return reply(announcementText(event, { yes: 0, maybe: 0, no: 0 }, language), {
      ...queuedFor(ANNOUNCEMENT, event.id),
      extraContent: announcementKey(event),
    });
  },
});
