import { md } from "../render/markdown.ts";
import { effect, isoTime, roomRef, type ErasureEffect, type PersonalDataPart } from "../privacy/personal-data.ts";

function effects(count: number): ErasureEffect[] {
  return [
    effect(
      count,
      ["document ajouté par vous, qui reste dans la liste du salon sans votre nom", "documents ajoutés par vous, qui restent dans la liste du salon sans votre nom"],
      ["document you added, which stays in the room's list without your name", "documents you added, which stay in the room's list without your name"],
    ),
  ];
}

/** Documents' share of a member's data: their name on the documents they added. */
export const documentsPersonalData: PersonalDataPart = {
  key: "documents",
  describe({ language }) {
    return language === "fr"
      ? md`**Documents** — votre nom et la date sur les documents que vous avez ajoutés à la liste d'un salon (pour que chacun sache qui les a proposés). Les documents restent tant que le salon les garde ; effacer vos données les laisse, sans votre nom.`
      : md`**Documents** — your name and the date on the documents you added to a room's list (so everyone knows who suggested them). Documents stay as long as the room keeps them; erasing your data leaves them, without your name.`;
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
