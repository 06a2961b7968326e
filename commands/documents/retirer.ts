import { numberLabel } from "../../src/documents/document-texts.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { md } from "../../src/render/markdown.ts";
import { documentByNumber, isDocument, mayChange, numberArg, touchIndex } from "./document-lookup.ts";

export const docsRetirer = defineCommand({
  names: { fr: ["docs retirer"], en: ["docs remove"] },
  group: "documents",
  summary: { fr: "retirer un document de la liste (le document lui-même n'est pas touché)", en: "remove a document from the list (the document itself is left alone)" },
  details: {
    fr: "`!docs retirer 3`. Pour la personne qui l'a ajouté, les modérateurs du salon et l'équipe du centre. Le numéro n'est pas réutilisé.",
    en: "`!docs remove 3`. For whoever added it, the room's moderators and the centre's staff. The number is not reused.",
  },
  args: [numberArg],
  permission: "member",
  execute(context, { number }) {
    const found = documentByNumber(context, number);
    if (!isDocument(found)) return found;
    const refusal = mayChange(context, found);
    if (refusal !== undefined) return refusal;
    context.stores.documents.documents.remove(found.id);
    touchIndex(context);
    const label = numberLabel(found.number, context.language);
    return reply(
      context.language === "fr"
        ? md`Le document ${label} « ${found.title} » est retiré de la liste.`
        : md`Document ${label} "${found.title}" is removed from the list.`,
    );
  },
});
