import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { queuedFor } from "../../src/pipeline/purpose.ts";
import { code, md } from "../../src/render/markdown.ts";
import { queueDeliveries } from "../../src/staff-announcements/delivery.ts";
import { DRAFT_TTL_MS, MINOU_KEY, PROGRESS } from "../../src/staff-announcements/model.ts";
import { progressText } from "../../src/staff-announcements/report-texts.ts";
import { scheduledText } from "../../src/staff-announcements/texts.ts";
import { outsideStaffRoom } from "./staff-room.ts";

export const annonceConfirmer = defineCommand({
  names: { fr: ["annonce confirmer"], en: ["announce confirm"] },
  group: "staff",
  summary: { fr: "envoyer (ou programmer) l'annonce dont vous venez de voir l'aperçu (équipe du centre)", en: "send (or schedule) the announcement you just previewed (centre staff)" },
  args: [],
  permission: "staff",
  execute(context) {
    const outside = outsideStaffRoom(context);
    if (outside !== undefined) return outside;
    const { stores, now, language, sender, prefix } = context;
    const fr = language === "fr";
    const { announcements, deliveries } = stores.staffAnnouncements;
    const again = code(fr ? `${prefix}annonce <message>` : `${prefix}announce <message>`);
    const draft = announcements.draftOf(sender.userId);
    if (draft === undefined) {
      return refuse(fr ? md`Vous n'avez pas d'annonce en attente de confirmation. Préparez-la d'abord avec ${again} : je vous en montre l'aperçu.` : md`You have no announcement waiting for confirmation. Prepare one first with ${again}: I will show you a preview.`);
    }
    if (now - draft.createdAt > DRAFT_TTL_MS) {
      return refuse(fr ? md`Cet aperçu date de plus d'une heure : refaites ${again} pour vérifier le message et les salons avant l'envoi. Rien n'a été envoyé.` : md`This preview is more than an hour old: run ${again} again to check the message and rooms before sending. Nothing was sent.`);
    }
    if (draft.sendAt !== null) {
      if (draft.sendAt <= now) {
        return refuse(fr ? md`Le moment prévu pour cette annonce est passé depuis l'aperçu : refaites ${again} avec une autre date, ou sans programmer. Rien n'a été envoyé.` : md`The time set for this announcement passed since the preview: run ${again} again with another time, or without scheduling. Nothing was sent.`);
      }
      announcements.schedule(draft.id, now);
      // The rooms are worked out again when it leaves.
      deliveries.clear(draft.id);
      return reply(scheduledText(draft, language, prefix));
    }
    // Guarded by the draft's status: a confirmation typed twice queues nothing the second time.
    if (!announcements.begin(draft.id, now)) return refuse(fr ? md`Cette annonce est déjà partie.` : md`This announcement has already been sent.`);
    queueDeliveries(stores, draft, now);
    // The reply is the progress line, edited in place as rooms receive the announcement.
    return reply(progressText(draft.id, deliveries.counts(draft.id), false, language), {
      ...queuedFor(PROGRESS, draft.id),
      extraContent: { [MINOU_KEY]: { staff_announcement_progress: draft.id } },
    });
  },
});
