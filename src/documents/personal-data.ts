import { t } from "../i18n/catalog.ts";
import { effect, isoTime, roomRef, type ErasureEffect, type PersonalDataPart } from "../privacy/personal-data.ts";

function effects(count: number): ErasureEffect[] {
  return [effect(count, "privacy.documents.documentsKept")];
}

/** Documents' share of a member's data: their name on the documents they added. */
export const documentsPersonalData: PersonalDataPart = {
  key: "documents",
  describe({ language }) {
    return t(language, "privacy.documents.describe");
  },
  collect({ stores, userId, timeZone }) {
    return {
      added: stores.documents.documents.addedByMember(userId).map((document) => ({
        room: roomRef(stores, document.roomId),
        document: document.number,
        title: document.title,
        url: document.url,
        tags: document.tags,
        addedAt: isoTime(document.addedAt, timeZone),
      })),
    };
  },
  preview({ stores, userId }) {
    return effects(stores.documents.documents.addedByMember(userId).length);
  },
  erase({ stores, userId }) {
    return effects(stores.documents.documents.forgetMember(userId));
  },
};
