import { RoomMemberNames } from "../../src/matrix/display-names.ts";
import { groupedList } from "../../src/documents/document-list.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { code, joinMarkdown, md } from "../../src/render/markdown.ts";

export const docs = defineCommand({
  names: { fr: ["docs", "documents"], en: ["docs", "documents"] },
  group: "documents",
  summary: { fr: "les documents du salon (pads, dossiers, fichiers partagés), par étiquette", en: "the room's documents (pads, folders, shared files), by tag" },
  details: {
    fr: "Chaque document a un numéro, un titre, un lien, des étiquettes (`#compta`), qui l'a ajouté et quand. La même liste, plus courte, est épinglée dans le salon et se met à jour toute seule.",
    en: "Each document has a number, a title, a link, tags (`#accounts`), who added it and when. The same list, shorter, is pinned in the room and keeps itself up to date.",
  },
  args: [],
  permission: "member",
  readOnly: true,
  execute({ stores, room, language, prefix }) {
    const documents = stores.documents.documents.inRoom(room.roomId);
    const fr = language === "fr";
    if (documents.length === 0) {
      const example = code(fr ? `${prefix}docs ajouter Compte rendu du bureau https://pad.exemple.fr/p/bureau #bureau` : `${prefix}docs add Board minutes https://pad.example.org/p/board #board`);
      return reply(fr ? md`Aucun document dans ce salon pour l'instant. Ajoutez le premier : ${example}` : md`No documents in this room yet. Add the first one: ${example}`);
    }
    const title = fr ? md`**Documents du salon** (${documents.length})` : md`**Room documents** (${documents.length})`;
    const search = code(fr ? `${prefix}docs chercher <mots>` : `${prefix}docs search <words>`);
    const footer = fr ? md`Chercher : ${search} · Services du centre : ${code(`${prefix}services`)}` : md`Search: ${search} · The centre's services: ${code(`${prefix}services`)}`;
    return reply(joinMarkdown([title, groupedList(documents, { language, timeZone: room.timeZone, detailed: true, names: new RoomMemberNames(stores.roomMembers) }, prefix), footer], "\n\n"));
  },
});
