import { inputProblemText, numberLabel } from "../../src/documents/document-texts.ts";
import { requestIndex } from "../../src/documents/index-message.ts";
import { parseDocumentInput } from "../../src/documents/parse-document.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { code, joinMarkdown, link, md, type Markdown } from "../../src/render/markdown.ts";
import { duplicateRefusal, indexDefaults, touchIndex } from "./document-lookup.ts";

export const docsAjouter = defineCommand({
  names: { fr: ["docs ajouter"], en: ["docs add"] },
  group: "documents",
  summary: { fr: "ajouter un document : un titre, son lien, des étiquettes si l'on veut", en: "add a document: a title, its link, tags if you like" },
  details: {
    fr: "Exemples : `!docs ajouter Budget 2026 https://cloud.exemple.fr/s/Ab12 #compta`, `!docs ajouter Compte rendu du bureau https://pad.exemple.fr/p/bureau #bureau #2026`. Le titre et le lien (http:// ou https://, 2 000 caractères au plus), dans l'ordre que l'on veut — `!docs ajouter https://pad.exemple.fr/p/cr Compte rendu AG` marche aussi —, puis les étiquettes.",
    en: "Examples: `!docs add Budget 2026 https://cloud.example.org/s/Ab12 #accounts`, `!docs add Board minutes https://pad.example.org/p/board #board`. The title and the link (http:// or https://, at most 2,000 characters), in either order — `!docs add https://pad.example.org/p/minutes AGM minutes` works too —, then the tags.",
  },
  args: [{ name: "text", kind: "text", label: { fr: "titre, lien, #étiquettes", en: "title, link, #tags" } }],
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
    const fr = language === "fr";
    const tags = document.tags.length === 0 ? "" : ` ${document.tags.map((tag) => `#${tag}`).join(" ")}`;
    const lines: Markdown[] = [
      fr
        ? md`C'est noté : document **${numberLabel(document.number, language)}** ${link(document.title, document.url)}${tags}.`
        : md`Noted: document **${numberLabel(document.number, language)}** ${link(document.title, document.url)}${tags}.`,
    ];
    if (firstIndex && !minouMay.pin) {
      const pin = code(fr ? `${prefix}docs épingler` : `${prefix}docs pin`);
      lines.push(fr ? md`Je tiens la liste des documents à jour juste en dessous. Pour que je l'épingle, tapez ${pin}.` : md`I keep the list of documents up to date just below. To have me pin it, type ${pin}.`);
    }
    return reply(joinMarkdown(lines, "\n\n"), { followUps });
  },
});
