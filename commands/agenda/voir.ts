import { memberPill } from "../../src/matrix/display-names.ts";
import { eventSummary } from "../../src/agenda/announcement.ts";
import { countsLine, shortWhen } from "../../src/agenda/format.ts";
import { occurrencesBetween } from "../../src/agenda/occurrences.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { t } from "../../src/i18n/catalog.ts";
import { joinMarkdown, md, type Markdown } from "../../src/render/markdown.ts";
import { FORGOTTEN_MEMBER } from "../../storage/privacy/erased-members-store.ts";
import { eventByNumber, isEvent, numberArg } from "./event-lookup.ts";

const YEAR = 366 * 86_400_000;

export const voir = defineCommand({
  texts: "agenda.voir",
  group: "agenda",
  args: [numberArg],
  permission: "member",
  readOnly: true,
  execute(context, { number }) {
    const found = eventByNumber(context, number);
    if (!isEvent(found)) return found;
    const { stores, language, now } = context;
    const lines: Markdown[] = [];
    if (found.status === "cancelled") lines.push(t(language, "agenda.event.cancelled"));
    lines.push(eventSummary(found, language));
    lines.push(md`${countsLine(stores.agenda.answers.counts(found.id))}`);
    if (found.rrule !== null) {
      const next = occurrencesBetween(found, now, now + YEAR).slice(0, 4);
      const items = next.map((occurrence) => {
        const when = shortWhen(occurrence.startsAt, occurrence.endsAt, found.allDay, found.timeZone, language);
        return t(language, occurrence.cancelled ? "agenda.voir.cancelledDate" : "agenda.voir.date", { when });
      });
      if (items.length > 0) lines.push(joinMarkdown([t(language, "agenda.voir.nextDates"), ...items], "\n"));
    }
    // An author who erased their data leaves the event to the room, without a name.
    const author = found.createdBy === FORGOTTEN_MEMBER ? t(language, "agenda.voir.erasedAuthor") : memberPill(stores, [found.roomId, context.room.roomId], found.createdBy);
    lines.push(t(language, "agenda.voir.addedBy", { author, public: found.isPublic ? "yes" : "no" }));
    return reply(joinMarkdown(lines, "\n\n"));
  },
});
