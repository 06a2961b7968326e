import { t } from "../../src/i18n/catalog.ts";
import { allows, defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { onboardingCommand } from "../../src/onboarding/texts.ts";
import { excerpt } from "../../src/render/cut-text.ts";

export const faqRetirer = defineCommand({
  texts: "onboarding.faqRetirer",
  group: "onboarding",
  args: [{ name: "number", kind: "word" }],
  permission: "moderator",
  execute({ stores, room, language, sender, prefix }, { number }) {
    const centre = /^c\d+$/iu.test(number);
    const value = Number.parseInt(number.replace(/^(c|#|n°)/iu, ""), 10);
    const faq = onboardingCommand(language, prefix, "faq");
    if (Number.isNaN(value)) return refuse(t(language, "onboarding.faqRetirer.noNumber", { faq }));
    if (centre && !allows(sender.level, "staff")) return refuse(t(language, "onboarding.faqRetirer.centreOnly"));
    // A number too big to read exactly (99999999999999999999 reads 1e20) is no question's: quoted as typed.
    const entry = Number.isSafeInteger(value) ? stores.onboarding.faq.find(centre ? null : room.roomId, value) : undefined;
    if (entry === undefined) return refuse(t(language, "onboarding.faqRetirer.notFound", { typed: excerpt(number), faq }));
    stores.onboarding.faq.delete(entry.id);
    return reply(t(language, "onboarding.faqRetirer.removed", { question: entry.question }));
  },
});
