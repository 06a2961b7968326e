import { RoomMemberNames } from "../../src/matrix/display-names.ts";
import { documentLine } from "../../src/documents/document-list.ts";
import { inputProblemText } from "../../src/documents/document-texts.ts";
import { parseTags, parseTitle, parseUrl } from "../../src/documents/parse-document.ts";
import type { DocumentChange } from "../../storage/documents/documents-store.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { fold } from "../../src/dispatch/fold.ts";
import { joinMarkdown, md } from "../../src/render/markdown.ts";
import { documentByNumber, duplicateRefusal, isDocument, mayChange, numberArg, touchIndex } from "./document-lookup.ts";

const FIELDS = ["titre", "lien", "tags", "étiquettes", "title", "link", "url"] as const;
const CLEAR = new Set(["aucun", "aucune", "rien", "none", "-"]);

export const docsModifier = defineCommand({
  names: { fr: ["docs modifier"], en: ["docs edit"] },
  group: "documents",
  summary: { fr: "changer le titre, le lien ou les étiquettes d'un document", en: "change a document's title, link or tags" },
  details: {
    fr: "Exemples : `!docs modifier 3 titre Budget 2027`, `!docs modifier 3 lien https://cloud.exemple.fr/s/Cd34`, `!docs modifier 3 tags #compta #2027`, `!docs modifier 3 tags aucun`. Pour la personne qui l'a ajouté, les modérateurs du salon et l'équipe du centre.",
    en: "Examples: `!docs edit 3 title Budget 2027`, `!docs edit 3 link https://cloud.example.org/s/Cd34`, `!docs edit 3 tags #accounts #2027`, `!docs edit 3 tags none`.",
  },
  args: [numberArg, { name: "field", kind: "choice", choices: FIELDS, label: { fr: "champ", en: "field" } }, { name: "value", kind: "text", label: { fr: "valeur", en: "value" } }],
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
        return refuse(language === "fr" ? md`Donnez seulement le nouveau lien, sans espace.` : md`Give only the new link, without spaces.`);
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
    const intro = language === "fr" ? md`C'est modifié :` : md`Updated:`;
    return reply(joinMarkdown([intro, documentLine(updated, { language, timeZone: room.timeZone, detailed: true, names: new RoomMemberNames(stores.roomMembers) })], "\n"));
  },
});
