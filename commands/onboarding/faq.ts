import { t } from "../../src/i18n/catalog.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { fold } from "../../src/dispatch/fold.ts";
import { onboardingCommand } from "../../src/onboarding/texts.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { joinMarkdown, trusted } from "../../src/render/markdown.ts";
import { faqEntryText, faqNumber } from "./faq-shared.ts";

export const faq = defineCommand({
  texts: "onboarding.faq",
  group: "onboarding",
  args: [{ name: "words", kind: "text", optional: true }],
  permission: "member",
  readOnly: true,
  execute({ stores, room, language, prefix, sender }, { words }) {
    const entries = stores.onboarding.faq.visibleIn(room.roomId);
    if (words === undefined) {
      // The examples sit in code spans: the prefix goes in as it is typed. A moderator is told
      // they can add some, rather than to ask the moderators.
      if (entries.length === 0) return reply(t(language, "onboarding.faq.none", { prefix: trusted(prefix), level: sender.level }));
      const lines = entries.map((entry) => t(language, "onboarding.faq.item", { number: faqNumber(entry, language), question: entry.question }));
      return reply(joinMarkdown([t(language, "onboarding.faq.title"), joinMarkdown(lines, "\n"), t(language, "onboarding.faq.howToRead", { prefix: trusted(prefix) })], "\n\n"));
    }
    // Every word must appear, accents and case aside, in the question or the answer.
    const wanted = fold(words).split(/\s+/u).filter((word) => word.length > 1);
    const found = entries.filter((entry) => {
      const haystack = fold(`${entry.question} ${entry.answer}`);
      return wanted.every((word) => haystack.includes(word));
    });
    if (found.length === 0) return reply(t(language, "onboarding.faq.nothingFound", { typed: excerpt(words), faq: onboardingCommand(language, prefix, "faq") }));
    return reply(joinMarkdown(found.slice(0, 5).map((entry) => faqEntryText(entry, language)), "\n\n"));
  },
});
