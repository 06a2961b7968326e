import { randomUUID } from "node:crypto";
import { queuedFor } from "../../src/pipeline/purpose.ts";
import { ANNOUNCEMENT, announcementKey, announcementText } from "../../src/agenda/announcement.ts";
import { splitEventText } from "../../src/agenda/event-text.ts";
import { parseWhen } from "../../src/agenda/parse-when.ts";
import { whenProblemText } from "../../src/agenda/when-problems.ts";
import { plainText, t } from "../../src/i18n/catalog.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { code } from "../../src/render/markdown.ts";
import { LIMITS } from "./event-lookup.ts";

export const ajouter = defineCommand({
  texts: "agenda.ajouter",
  group: "agenda",
  args: [{ name: "text", kind: "text" }],
  permission: "member",
  execute(context, { text }) {
    const { stores, room, now, language, sender, settings, prefix } = context;
    const parsed = parseWhen(text, { now, timeZone: room.timeZone, language, defaultDurationMinutes: settings.agenda.defaultDurationMinutes });
    if (!parsed.ok) return refuse(whenProblemText(parsed.problem, language, room.timeZone, prefix));
    const { title, location, description } = splitEventText(parsed.rest);
    if (title === "") return refuse(t(language, "agenda.ajouter.noTitle", { example: code(prefix + plainText(language, "agenda.example.add")) }));
    const tooLong = title.length > LIMITS.title || (location?.length ?? 0) > LIMITS.location || (description?.length ?? 0) > LIMITS.description;
    if (tooLong) return refuse(t(language, "agenda.ajouter.tooLong", { titleLimit: LIMITS.title, descriptionLimit: LIMITS.description }));
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
