import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { code, md } from "../../src/render/markdown.ts";
import { numbered } from "../../src/staff-announcements/report-texts.ts";
import { outsideStaffRoom } from "./staff-room.ts";

export const annonceAnnuler = defineCommand({
  names: { fr: ["annonce annuler"], en: ["announce cancel"] },
  group: "staff",
  summary: {
    fr: "abandonner votre aperçu d'annonce, ou annuler une annonce programmée par son numéro (équipe du centre)",
    en: "drop your announcement preview, or cancel a scheduled announcement by its number (centre staff)",
  },
  args: [{ name: "number", kind: "integer", min: 1, optional: true, label: { fr: "n° d'une annonce programmée", en: "scheduled announcement number" } }],
  permission: "staff",
  execute(context, { number }) {
    const outside = outsideStaffRoom(context);
    if (outside !== undefined) return outside;
    const { stores, language, sender, prefix } = context;
    const fr = language === "fr";
    const { announcements } = stores.staffAnnouncements;
    const list = code(fr ? `${prefix}annonces` : `${prefix}announcements`);
    if (number === undefined) {
      if (!announcements.discardDraft(sender.userId)) {
        return refuse(fr ? md`Vous n'avez pas d'aperçu d'annonce en attente. Pour annuler une annonce programmée, donnez son numéro (${list} les liste).` : md`You have no announcement preview waiting. To cancel a scheduled announcement, give its number (${list} lists them).`);
      }
      return reply(fr ? md`Aperçu abandonné : rien n'a été envoyé.` : md`Preview dropped: nothing was sent.`);
    }
    const announcement = announcements.get(number);
    const label = numbered(number, language);
    if (announcement === undefined || announcement.status === "draft") {
      return refuse(fr ? md`Je ne connais pas d'annonce programmée ${label}. ${list} liste celles qui le sont.` : md`I know no scheduled announcement ${label}. ${list} lists the scheduled ones.`);
    }
    if (announcement.status === "cancelled") return refuse(fr ? md`L'annonce ${label} est déjà annulée.` : md`Announcement ${label} is already cancelled.`);
    if (announcement.status !== "scheduled" || !announcements.cancelScheduled(number, sender.userId)) {
      return refuse(fr ? md`L'annonce ${label} est déjà partie : il est trop tard pour l'annuler.` : md`Announcement ${label} has already been sent: it is too late to cancel it.`);
    }
    return reply(fr ? md`L'annonce ${label} est annulée : elle ne partira pas.` : md`Announcement ${label} is cancelled: it will not be sent.`);
  },
});
