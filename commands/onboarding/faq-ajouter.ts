import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { md } from "../../src/render/markdown.ts";
import { faqNumber, readQuestionAnswer } from "./faq-shared.ts";

export const faqAjouter = defineCommand({
  names: { fr: ["faq ajouter"], en: ["faq add"] },
  group: "onboarding",
  summary: { fr: "ajouter une question fréquente au salon", en: "add a frequent question to the room" },
  details: { fr: 'Exemple : `!faq ajouter "Où sont les comptes rendus ?" Dans le dossier partagé, voir **!docs**`. La réponse peut être en Markdown.', en: 'Example: `!faq add "Where are the minutes?" In the shared folder, see **!docs**`.' },
  args: [{ name: "text", kind: "text", label: { fr: '"question" réponse', en: '"question" answer' } }],
  permission: "moderator",
  execute(context, { text }) {
    const read = readQuestionAnswer(context, text);
    if ("kind" in read) return read;
    const entry = context.stores.onboarding.faq.add(context.room.roomId, read.question, read.answer, context.sender.userId, context.now);
    return reply(context.language === "fr" ? md`Question ${faqNumber(entry, "fr")} ajoutée.` : md`Question ${faqNumber(entry, "en")} added.`);
  },
});

export const faqAjouterCentre = defineCommand({
  names: { fr: ["faq ajouter-centre"], en: ["faq add-centre"] },
  group: "staff",
  summary: { fr: "ajouter une question fréquente montrée dans tous les salons (équipe du centre)", en: "add a frequent question shown in every room (centre staff)" },
  args: [{ name: "text", kind: "text", label: { fr: '"question" réponse', en: '"question" answer' } }],
  permission: "staff",
  execute(context, { text }) {
    const read = readQuestionAnswer(context, text);
    if ("kind" in read) return read;
    const entry = context.stores.onboarding.faq.add(null, read.question, read.answer, context.sender.userId, context.now);
    return reply(context.language === "fr" ? md`Question ${faqNumber(entry, "fr")} ajoutée pour tous les salons.` : md`Question ${faqNumber(entry, "en")} added for every room.`);
  },
});
