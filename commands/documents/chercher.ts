import { RoomMemberNames } from "../../src/matrix/display-names.ts";
import { plainList } from "../../src/documents/document-list.ts";
import { documentsUsage } from "../../src/documents/document-texts.ts";
import type { RoomDocument } from "../../src/documents/model.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { fold } from "../../src/dispatch/fold.ts";
import { t } from "../../src/i18n/catalog.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { joinMarkdown } from "../../src/render/markdown.ts";

/** Every word is in the title or a tag, whatever the accents and case ("budget" finds "Budget prévisionnel", "#compta"). */
function matches(document: RoomDocument, words: readonly string[]): boolean {
  const haystacks = [fold(document.title), ...document.tags.map(fold)];
  return words.every((word) => haystacks.some((haystack) => haystack.includes(word)));
}

export const docsChercher = defineCommand({
  texts: "documents.chercher",
  group: "documents",
  args: [{ name: "words", kind: "text" }],
  permission: "member",
  readOnly: true,
  execute({ stores, room, language, prefix }, { words }) {
    const wanted = words.split(/\s+/u).map((word) => fold(word.replace(/^#/u, ""))).filter((word) => word !== "");
    const found = stores.documents.documents.inRoom(room.roomId).filter((document) => matches(document, wanted));
    if (found.length === 0) return reply(t(language, "documents.chercher.none", { words: excerpt(words), list: documentsUsage(language, prefix, "documents.usage.list") }));
    const title = t(language, "documents.chercher.found", { count: found.length, words: excerpt(words) });
    return reply(joinMarkdown([title, plainList(found, { language, timeZone: room.timeZone, detailed: true, names: new RoomMemberNames(stores.roomMembers) }, prefix)], "\n\n"));
  },
});
