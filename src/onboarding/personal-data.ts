import { t } from "../i18n/catalog.ts";
import { effect, isoTime, roomRef, type ErasureEffect, type PersonalDataPart } from "../privacy/personal-data.ts";

function effects(entries: number): ErasureEffect[] {
  return [effect(entries, "privacy.onboarding.faqKept")];
}

/**
 * Onboarding's share of a member's data: when the starter guide was sent, and their name on FAQ
 * entries. The guide's date survives an erasure: it is what keeps the guide from coming twice.
 */
export const onboardingPersonalData: PersonalDataPart = {
  key: "onboarding",
  describe({ language }) {
    return t(language, "privacy.onboarding.describe");
  },
  collect({ stores, userId, timeZone }) {
    const guideSentAt = stores.onboarding.welcome.guideSentAt(userId);
    return {
      starterGuideSentAt: guideSentAt === undefined ? null : isoTime(guideSentAt, timeZone),
      faqEntriesWritten: stores.onboarding.faq.addedByMember(userId).map((entry) => ({
        room: entry.roomId === null ? "centre" : roomRef(stores, entry.roomId),
        number: entry.number,
        question: entry.question,
        addedAt: isoTime(entry.addedAt, timeZone),
      })),
    };
  },
  preview({ stores, userId }) {
    return effects(stores.onboarding.faq.addedByMember(userId).length);
  },
  erase({ stores, userId }) {
    const entries = stores.onboarding.faq.addedByMember(userId).length;
    stores.onboarding.faq.forgetMember(userId);
    return effects(entries);
  },
};
