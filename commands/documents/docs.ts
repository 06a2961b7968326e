import { RoomMemberNames } from "../../src/matrix/display-names.ts";
import { groupedList } from "../../src/documents/document-list.ts";
import { documentsUsage } from "../../src/documents/document-texts.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { t } from "../../src/i18n/catalog.ts";
import { joinMarkdown } from "../../src/render/markdown.ts";

export const docs = defineCommand({
  texts: "documents.docs",
  group: "documents",
  args: [],
  permission: "member",
  readOnly: true,
  execute({ stores, room, language, prefix }) {
    const documents = stores.documents.documents.inRoom(room.roomId);
    if (documents.length === 0) return reply(t(language, "documents.docs.empty", { example: documentsUsage(language, prefix, "documents.usage.example") }));
    const title = t(language, "documents.docs.title", { count: documents.length });
    const footer = t(language, "documents.docs.footer", {
      search: documentsUsage(language, prefix, "documents.usage.search"),
      services: documentsUsage(language, prefix, "documents.usage.services"),
    });
    return reply(joinMarkdown([title, groupedList(documents, { language, timeZone: room.timeZone, detailed: true, names: new RoomMemberNames(stores.roomMembers) }, prefix), footer], "\n\n"));
  },
});
