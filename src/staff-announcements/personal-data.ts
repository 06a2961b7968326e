import { t } from "../i18n/catalog.ts";
import { effect, isoTime, type ErasureEffect, type PersonalDataPart } from "../privacy/personal-data.ts";

function effects(count: number): ErasureEffect[] {
  return [effect(count, "privacy.announcements.announcementsKept")];
}

/** Staff announcements' share of a member's data: their id on the announcements they wrote or cancelled (centre staff). */
export const staffAnnouncementsPersonalData: PersonalDataPart = {
  key: "announcements",
  describe({ language }) {
    return t(language, "privacy.announcements.describe");
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
