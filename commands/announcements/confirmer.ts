import { t } from "../../src/i18n/catalog.ts";
import { commandLine } from "../../src/i18n/command-line.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { queuedFor } from "../../src/pipeline/purpose.ts";
import { queueDeliveries } from "../../src/staff-announcements/delivery.ts";
import { DRAFT_TTL_MS, MINOU_KEY, PROGRESS } from "../../src/staff-announcements/model.ts";
import { progressText } from "../../src/staff-announcements/report-texts.ts";
import { scheduledText } from "../../src/staff-announcements/texts.ts";
import { outsideStaffRoom } from "./staff-room.ts";

export const annonceConfirmer = defineCommand({
  texts: "announcements.confirmer",
  group: "staff",
  args: [],
  permission: "staff",
  execute(context) {
    const outside = outsideStaffRoom(context);
    if (outside !== undefined) return outside;
    const { stores, now, language, sender, prefix } = context;
    const { announcements, deliveries } = stores.staffAnnouncements;
    const again = commandLine(language, "announcements.annonce", prefix);
    const draft = announcements.draftOf(sender.userId);
    if (draft === undefined) return refuse(t(language, "announcements.confirmer.noDraft", { again }));
    if (now - draft.createdAt > DRAFT_TTL_MS) return refuse(t(language, "announcements.confirmer.expired", { again }));
    if (draft.sendAt !== null) {
      if (draft.sendAt <= now) return refuse(t(language, "announcements.confirmer.past", { again }));
      announcements.schedule(draft.id, now);
      // The rooms are worked out again when it leaves.
      deliveries.clear(draft.id);
      return reply(scheduledText(draft, language, prefix));
    }
    // Guarded by the draft's status: a confirmation typed twice queues nothing the second time.
    if (!announcements.begin(draft.id, now)) return refuse(t(language, "announcements.confirmer.alreadySent"));
    queueDeliveries(stores, draft, now);
    // The reply is the progress line, edited in place as rooms receive the announcement.
    return reply(progressText(draft.id, deliveries.counts(draft.id), false, language), {
      ...queuedFor(PROGRESS, draft.id),
      extraContent: { [MINOU_KEY]: { staff_announcement_progress: draft.id } },
    });
  },
});
