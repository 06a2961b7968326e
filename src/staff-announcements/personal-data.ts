import { md } from "../render/markdown.ts";
import { effect, isoTime, type ErasureEffect, type PersonalDataPart } from "../privacy/personal-data.ts";

function effects(count: number): ErasureEffect[] {
  return [
    effect(
      count,
      ["annonce de l'équipe écrite ou annulée par vous, qui reste dans l'historique des annonces sans votre nom (un brouillon est supprimé)", "annonces de l'équipe écrites ou annulées par vous, qui restent dans l'historique des annonces sans votre nom (un brouillon est supprimé)"],
      ["staff announcement you wrote or cancelled, which stays in the announcements' history without your name (a draft is deleted)", "staff announcements you wrote or cancelled, which stay in the announcements' history without your name (a draft is deleted)"],
    ),
  ];
}

/** Staff announcements' share of a member's data: their id on the announcements they wrote or cancelled (centre staff). */
export const staffAnnouncementsPersonalData: PersonalDataPart = {
  key: "announcements",
  describe({ language }) {
    return language === "fr"
      ? md`**Annonces de l'équipe** (membres de l'équipe du centre) — votre identifiant sur les annonces que vous avez écrites ou annulées, pour que l'équipe sache qui a envoyé quoi, et pour vous prévenir si une annonce programmée n'a pas pu partir. L'historique des annonces reste ; effacer vos données en retire votre nom et supprime votre brouillon.`
      : md`**Staff announcements** (centre staff) — your id on the announcements you wrote or cancelled, so the staff knows who sent what, and to tell you when a scheduled one could not leave. The announcements' history stays; erasing your data takes your name off it and deletes your draft.`;
  },
  collect({ stores, userId, timeZone }) {
    return {
      announcements: stores.staffAnnouncements.announcements.ofMember(userId).map(({ announcement, cancelledByThem }) => ({
        announcement: announcement.id,
        text: announcement.text,
        tags: announcement.tags,
        status: announcement.status,
        writtenByYou: announcement.author === userId,
        cancelledByYou: cancelledByThem,
        createdAt: isoTime(announcement.createdAt, timeZone),
        ...(announcement.sendAt === null ? {} : { sendAt: isoTime(announcement.sendAt, announcement.timeZone) }),
      })),
    };
  },
  preview({ stores, userId }) {
    return effects(stores.staffAnnouncements.announcements.ofMember(userId).length);
  },
  erase({ stores, userId }) {
    return effects(stores.staffAnnouncements.announcements.forgetMember(userId));
  },
};
