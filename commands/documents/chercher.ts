import { RoomMemberNames } from "../../src/matrix/display-names.ts";
import { plainList } from "../../src/documents/document-list.ts";
import type { RoomDocument } from "../../src/documents/model.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { fold } from "../../src/dispatch/fold.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { code, joinMarkdown, md } from "../../src/render/markdown.ts";

/** Every word is in the title or a tag, whatever the accents and case ("budget" finds "Budget prévisionnel", "#compta"). */
function matches(document: RoomDocument, words: readonly string[]): boolean {
  const haystacks = [fold(document.title), ...document.tags.map(fold)];
  return words.every((word) => haystacks.some((haystack) => haystack.includes(word)));
}

export const docsChercher = defineCommand({
  names: { fr: ["docs chercher"], en: ["docs search", "docs find"] },
  group: "documents",
  summary: { fr: "chercher un document par son titre ou ses étiquettes", en: "find a document by its title or tags" },
  details: {
    fr: "Sans tenir compte des accents ni des majuscules : `!docs chercher budget` trouve « Budget prévisionnel », `!docs chercher #compta` les documents étiquetés #compta.",
    en: "Accents and case do not matter: `!docs search budget` finds \"Budget forecast\", `!docs search #accounts` the documents tagged #accounts.",
  },
  args: [{ name: "words", kind: "text", label: { fr: "mots", en: "words" } }],
  permission: "member",
  readOnly: true,
  execute({ stores, room, language, prefix }, { words }) {
    const wanted = words.split(/\s+/u).map((word) => fold(word.replace(/^#/u, ""))).filter((word) => word !== "");
    const found = stores.documents.documents.inRoom(room.roomId).filter((document) => matches(document, wanted));
    const fr = language === "fr";
    if (found.length === 0) {
      const list = code(`${prefix}docs`);
      return reply(fr ? md`Aucun document ne correspond à « ${excerpt(words)} ». Tapez ${list} pour la liste complète.` : md`No document matches "${excerpt(words)}". Type ${list} for the whole list.`);
    }
    const title = fr ? md`**${found.length} document(s) pour « ${excerpt(words)} »**` : md`**${found.length} document(s) for "${excerpt(words)}"**`;
    return reply(joinMarkdown([title, plainList(found, { language, timeZone: room.timeZone, detailed: true, names: new RoomMemberNames(stores.roomMembers) }, prefix)], "\n\n"));
  },
});
