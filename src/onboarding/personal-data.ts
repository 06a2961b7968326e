import { md } from "../render/markdown.ts";
import { effect, isoTime, roomRef, type ErasureEffect, type PersonalDataPart } from "../privacy/personal-data.ts";

function effects(entries: number): ErasureEffect[] {
  return [
    effect(
      entries,
      ["question de FAQ écrite par vous, qui reste sans votre nom", "questions de FAQ écrites par vous, qui restent sans votre nom"],
      ["FAQ entry you wrote, which stays without your name", "FAQ entries you wrote, which stay without your name"],
    ),
  ];
}

/**
 * Onboarding's share of a member's data: when the starter guide was sent, and their name on FAQ
 * entries. The guide's date survives an erasure: it is what keeps the guide from coming twice.
 */
export const onboardingPersonalData: PersonalDataPart = {
  key: "onboarding",
  describe({ language }) {
    return language === "fr"
      ? md`**Accueil** — la date à laquelle le guide de démarrage vous a été envoyé (pour ne jamais l'envoyer deux fois, gardée même après un effacement), votre arrivée dans un salon le temps de vous accueillir (une minute environ), et votre nom sur les questions de FAQ que vous avez écrites.`
      : md`**Welcome** — when the starter guide was sent to you (so it never goes twice, kept even after an erasure), your arrival in a room until you are welcomed (about a minute), and your name on the FAQ entries you wrote.`;
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
