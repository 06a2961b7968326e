import { t } from "../../src/i18n/catalog.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { faqNumber, readQuestionAnswer } from "./faq-shared.ts";

export const faqAjouter = defineCommand({
  texts: "onboarding.faqAjouter",
  group: "onboarding",
  args: [{ name: "text", kind: "text" }],
  permission: "moderator",
  execute(context, { text }) {
    const read = readQuestionAnswer(context, text, "faqAjouter");
    if ("kind" in read) return read;
    const entry = context.stores.onboarding.faq.add(context.room.roomId, read.question, read.answer, context.sender.userId, context.now);
    return reply(t(context.language, "onboarding.faqAjouter.added", { number: faqNumber(entry, context.language) }));
  },
});

export const faqAjouterCentre = defineCommand({
  texts: "onboarding.faqAjouterCentre",
  group: "staff",
  args: [{ name: "text", kind: "text" }],
  permission: "staff",
  execute(context, { text }) {
    const read = readQuestionAnswer(context, text, "faqAjouterCentre");
    if ("kind" in read) return read;
    const entry = context.stores.onboarding.faq.add(null, read.question, read.answer, context.sender.userId, context.now);
    return reply(t(context.language, "onboarding.faqAjouterCentre.added", { number: faqNumber(entry, context.language) }));
  },
});
