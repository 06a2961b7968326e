import { documentsUsage, inputProblemText, numberLabel } from "../../src/documents/document-texts.ts";
import { requestIndex } from "../../src/documents/index-message.ts";
import { parseDocumentInput } from "../../src/documents/parse-document.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { t } from "../../src/i18n/catalog.ts";
import { joinMarkdown, link, type Markdown } from "../../src/render/markdown.ts";
import { duplicateRefusal, indexDefaults, touchIndex } from "./document-lookup.ts";

export const docsAjouter = defineCommand({
  texts: "documents.ajouter",
  group: "documents",
  args: [{ name: "text", kind: "text" }],
  permission: "member",
  execute(context, { text }) {
    const { stores, room, now, language, sender, prefix, minouMay } = context;
    const parsed = parseDocumentInput(text);
    if (!parsed.ok) return refuse(inputProblemText(parsed.problem, language, prefix));
    const existing = stores.documents.documents.byUrl(room.roomId, parsed.url);
    if (existing !== undefined) return duplicateRefusal(context, existing);
    const document = stores.documents.documents.create({ roomId: room.roomId, title: parsed.title, url: parsed.url, tags: parsed.tags, addedBy: sender.userId }, now);
    touchIndex(context);
    // The room's first document brings the index message, pinned when Minou may.
    const firstIndex = stores.documents.index.ofRoom(room.roomId).requestedAt === null;
    const followUps = firstIndex ? [requestIndex(stores, room.roomId, minouMay.pin, indexDefaults(context), now)] : [];
    const added = { number: numberLabel(document.number, language), document: link(document.title, document.url) };
    const lines: Markdown[] = [
      document.tags.length === 0
        ? t(language, "documents.ajouter.added", added)
        : t(language, "documents.ajouter.addedWithTags", { ...added, tags: document.tags.map((tag) => `#${tag}`).join(" ") }),
    ];
    if (firstIndex && !minouMay.pin) lines.push(t(language, "documents.ajouter.cannotPin", { pin: documentsUsage(language, prefix, "documents.usage.pin") }));
    return reply(joinMarkdown(lines, "\n\n"), { followUps });
  },
});
