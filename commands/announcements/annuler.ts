import { t } from "../../src/i18n/catalog.ts";
import { commandLine } from "../../src/i18n/command-line.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { numbered } from "../../src/staff-announcements/report-texts.ts";
import { outsideStaffRoom } from "./staff-room.ts";

export const annonceAnnuler = defineCommand({
  texts: "announcements.annuler",
  group: "staff",
  args: [{ name: "number", kind: "integer", min: 1, optional: true }],
  permission: "staff",
  execute(context, { number: id }) {
    const outside = outsideStaffRoom(context);
    if (outside !== undefined) return outside;
    const { stores, language, sender, prefix } = context;
    const { announcements } = stores.staffAnnouncements;
    const list = commandLine(language, "announcements.annonces", prefix);
    if (id === undefined) {
      if (!announcements.discardDraft(sender.userId)) return refuse(t(language, "announcements.annuler.noDraft", { list }));
      return reply(t(language, "announcements.annuler.dropped"));
    }
    const announcement = announcements.get(id);
    const number = numbered(id, language);
    if (announcement === undefined || announcement.status === "draft") return refuse(t(language, "announcements.annuler.unknown", { number, list }));
    if (announcement.status === "cancelled") return refuse(t(language, "announcements.annuler.alreadyCancelled", { number }));
    if (announcement.status !== "scheduled" || !announcements.cancelScheduled(id, sender.userId)) return refuse(t(language, "announcements.annuler.tooLate", { number }));
    return reply(t(language, "announcements.annuler.cancelled", { number }));
  },
});
