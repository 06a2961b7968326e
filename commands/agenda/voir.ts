import { memberPill } from "../../src/matrix/display-names.ts";
import { eventSummary } from "../../src/agenda/announcement.ts";
import { countsLine, shortWhen } from "../../src/agenda/format.ts";
import { occurrencesBetween } from "../../src/agenda/occurrences.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { joinMarkdown, md, type Markdown } from "../../src/render/markdown.ts";
import { FORGOTTEN_MEMBER } from "../../storage/privacy/erased-members-store.ts";
import { eventByNumber, isEvent, numberArg } from "./event-lookup.ts";

const YEAR = 366 * 86_400_000;

export const voir = defineCommand({
  names: { fr: ["agenda voir"], en: ["calendar show", "agenda show"] },
  group: "agenda",
  summary: { fr: "le détail d'un événement", en: "an event's details" },
  args: [numberArg],
  permission: "member",
  readOnly: true,
  execute(context, { number }) {
    const found = eventByNumber(context, number);
    if (!isEvent(found)) return found;
    const { stores, language, now } = context;
    const lines: Markdown[] = [];
    if (found.status === "cancelled") lines.push(language === "fr" ? md`**ANNULÉ**` : md`**CANCELLED**`);
    lines.push(eventSummary(found, language));
    lines.push(md`${countsLine(stores.agenda.answers.counts(found.id))}`);
    if (found.rrule !== null) {
      const next = occurrencesBetween(found, now, now + YEAR).slice(0, 4);
      const items = next.map(
        (occurrence) =>
          md`- ${shortWhen(occurrence.startsAt, occurrence.endsAt, found.allDay, found.timeZone, language)}${occurrence.cancelled ? (language === "fr" ? " (annulé)" : " (cancelled)") : ""}`,
      );
      if (items.length > 0) lines.push(joinMarkdown([language === "fr" ? md`Prochaines dates :` : md`Next dates:`, ...items], "\n"));
    }
    // An author who erased their data leaves the event to the room, without a name.
    const author = found.createdBy === FORGOTTEN_MEMBER ? (language === "fr" ? md`un membre` : md`a member`) : memberPill(stores, [found.roomId, context.room.roomId], found.createdBy);
    lines.push(language === "fr" ? md`Ajouté par ${author}${found.isPublic ? " · public" : ""}` : md`Added by ${author}${found.isPublic ? " · public" : ""}`);
    return reply(joinMarkdown(lines, "\n\n"));
  },
});
