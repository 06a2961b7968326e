import { numberLabel } from "../../src/documents/document-texts.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { t } from "../../src/i18n/catalog.ts";
import { documentByNumber, isDocument, mayChange, numberArg, touchIndex } from "./document-lookup.ts";

export const docsRetirer = defineCommand({
  texts: "documents.retirer",
  group: "documents",
  args: [numberArg],
  permission: "member",
  execute(context, { number }) {
    const found = documentByNumber(context, number);
    if (!isDocument(found)) return found;
    const refusal = mayChange(context, found);
    if (refusal !== undefined) return refusal;
    context.stores.documents.documents.remove(found.id);
    touchIndex(context);
    return reply(t(context.language, "documents.retirer.removed", { number: numberLabel(found.number, context.language), title: found.title }));
  },
});
