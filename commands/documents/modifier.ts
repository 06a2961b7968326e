import { RoomMemberNames } from "../../src/matrix/display-names.ts";
import { documentLine } from "../../src/documents/document-list.ts";
import { inputProblemText } from "../../src/documents/document-texts.ts";
import { parseTags, parseTitle, parseUrl } from "../../src/documents/parse-document.ts";
import type { DocumentChange } from "../../storage/documents/documents-store.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { fold } from "../../src/dispatch/fold.ts";
import { plainText, t } from "../../src/i18n/catalog.ts";
import { code, joinMarkdown } from "../../src/render/markdown.ts";
import { documentByNumber, duplicateRefusal, isDocument, mayChange, numberArg, touchIndex } from "./document-lookup.ts";

const FIELDS = ["titre", "lien", "tags", "étiquettes", "title", "link", "url"] as const;
const CLEAR = new Set(["aucun", "aucune", "rien", "none", "-"]);

export const docsModifier = defineCommand({
  texts: "documents.modifier",
  group: "documents",
  args: [numberArg, { name: "field", kind: "choice", choices: FIELDS }, { name: "value", kind: "text" }],
  permission: "member",
  execute(context, { number, field, value }) {
    const found = documentByNumber(context, number);
    if (!isDocument(found)) return found;
    const refusal = mayChange(context, found);
    if (refusal !== undefined) return refusal;
    const { stores, room, now, language, prefix } = context;
    let change: DocumentChange;
    if (field === "titre" || field === "title") {
      const title = parseTitle(value);
      if (!title.ok) return refuse(inputProblemText(title.problem, language, prefix));
      change = { field: "title", value: title.title };
    } else if (field === "tags" || field === "étiquettes") {
      const words = value.split(/\s+/u).filter((word) => word !== "");
      const tags = words.length === 1 && CLEAR.has(fold(words[0] ?? "")) ? { ok: true as const, tags: [] } : parseTags(words);
      if (!tags.ok) return refuse(inputProblemText(tags.problem, language, prefix));
      change = { field: "tags", value: tags.tags };
    } else {
      if (/\s/u.test(value.trim())) {
        const example = code(prefix + plainText(language, "documents.modifier.linkExample", { number }));
        return refuse(t(language, "documents.modifier.linkWithSpace", { example }));
      }
      const url = parseUrl(value.trim());
      if (!url.ok) return refuse(inputProblemText(url.problem, language, prefix));
      const existing = stores.documents.documents.byUrl(room.roomId, url.url);
      if (existing !== undefined && existing.id !== found.id) return duplicateRefusal(context, existing);
      change = { field: "url", value: url.url };
    }
    stores.documents.documents.update(found.id, change, now);
    touchIndex(context);
    const updated = stores.documents.documents.get(found.id) ?? found;
    const intro = t(language, "documents.modifier.done");
    return reply(joinMarkdown([intro, documentLine(updated, { language, timeZone: room.timeZone, detailed: true, names: new RoomMemberNames(stores.roomMembers) })], "\n"));
  },
});
