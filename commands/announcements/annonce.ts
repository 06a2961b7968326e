import { plainText, t } from "../../src/i18n/catalog.ts";
import { commandLine } from "../../src/i18n/command-line.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { nestingProblem } from "../../src/render/stored-markdown.ts";
import { parseRequest } from "../../src/staff-announcements/parse-request.ts";
import { announcementTargets, unknownTags } from "../../src/staff-announcements/targets.ts";
import { previewText, requestProblemText } from "../../src/staff-announcements/texts.ts";
import { outsideStaffRoom } from "./staff-room.ts";

export const annonce = defineCommand({
  texts: "announcements.annonce",
  group: "staff",
  args: [{ name: "text", kind: "text" }],
  permission: "staff",
  execute(context, { text }) {
    const outside = outsideStaffRoom(context);
    if (outside !== undefined) return outside;
    const { stores, now, room, language, sender, prefix } = context;
    const parsed = parseRequest(text, { now, timeZone: room.timeZone, language });
    if (!parsed.ok) return refuse(requestProblemText(parsed.problem, language, room.timeZone, prefix));
    const { request } = parsed;
    const tooDeep = nestingProblem(request.text, language);
    if (tooDeep !== undefined) return refuse(t(language, "announcements.annonce.tooDeep", { problem: tooDeep }));

    const unknown = unknownTags(stores, request.tags);
    if (unknown.length > 0) {
      const known = stores.rooms.knownTags().map((tag) => `#${tag}`).join(", ");
      const tags = excerpt(unknown.map((tag) => `#${tag}`).join(", "));
      const count = unknown.length;
      if (known === "") {
        const howTo = commandLine(language, "registry.assoTags", prefix, plainText(language, "announcements.annonce.tagExample"));
        return refuse(t(language, "announcements.annonce.unknownTagsNoneYet", { count, tags, howTo }));
      }
      return refuse(t(language, "announcements.annonce.unknownTags", { count, tags, known }));
    }
    const targets = announcementTargets(stores, room.roomId, request.tags);
    if (targets.rooms.length === 0) {
      return refuse(t(language, request.tags.length === 0 ? "announcements.annonce.noRooms" : "announcements.annonce.noRoomsWithTags"));
    }
    const { announcements, deliveries } = stores.staffAnnouncements;
    // A new preview replaces this staff member's previous one; the others' are left alone.
    const draft = announcements.createDraft({ author: sender.userId, staffRoomId: room.roomId, ...request, timeZone: room.timeZone }, now);
    deliveries.address(draft.id, targets.rooms);
    return reply(previewText(request.text, { ...request, timeZone: room.timeZone }, targets, language, prefix));
  },
});
