import { memberName } from "../../src/matrix/display-names.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { listText, type ListedSending } from "../../src/staff-announcements/texts.ts";
import type { StaffAnnouncement } from "../../storage/staff-announcements/announcements-store.ts";
import { outsideStaffRoom } from "./staff-room.ts";

const RECENT = 5;

export const annonces = defineCommand({
  texts: "announcements.annonces",
  group: "staff",
  args: [],
  permission: "staff",
  readOnly: true,
  execute(context) {
    const outside = outsideStaffRoom(context);
    if (outside !== undefined) return outside;
    const { stores, language, prefix } = context;
    const { announcements, deliveries } = stores.staffAnnouncements;
    const withCounts = (announcement: StaffAnnouncement): ListedSending => ({ announcement, counts: deliveries.counts(announcement.id) });
    return reply(
      listText(announcements.withStatus("scheduled"), announcements.withStatus("sending").map(withCounts), announcements.recentlyDone(RECENT).map(withCounts), language, prefix, (author) => memberName(stores, context.room.roomId, author)),
    );
  },
});
