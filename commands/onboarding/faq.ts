import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { fold } from "../../src/dispatch/fold.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { joinMarkdown, md } from "../../src/render/markdown.ts";
import { faqEntryText, faqNumber } from "./faq-shared.ts";

export const faq = defineCommand({
  names: { fr: ["faq"], en: ["faq"] },
  group: "onboarding",
  summary: { fr: "les questions fréquentes du salon et du centre (ou chercher : !faq mots)", en: "the room's and the centre's frequent questions (or search: !faq words)" },
  args: [{ name: "words", kind: "text", optional: true, label: { fr: "mots", en: "words" } }],
  permission: "member",
  readOnly: true,
  execute({ stores, room, language, prefix }, { words }) {
    const fr = language === "fr";
    const entries = stores.onboarding.faq.visibleIn(room.roomId);
    if (words === undefined) {
      if (entries.length === 0) {
        return reply(fr ? md`Pas encore de questions fréquentes. Un modérateur peut en ajouter : ${prefix}faq ajouter "Question ?" Réponse` : md`No frequent questions yet. A moderator can add some: ${prefix}faq add "Question?" Answer`);
      }
      const lines = entries.map((entry) => md`- ${faqNumber(entry, language)} · ${entry.question}`);
      return reply(joinMarkdown([fr ? md`**Questions fréquentes**` : md`**Frequent questions**`, joinMarkdown(lines, "\n"), fr ? md`Pour lire une réponse : ${prefix}faq <mots de la question>` : md`To read an answer: ${prefix}faq <words of the question>`], "\n\n"));
    }
    // Every word must appear, accents and case aside, in the question or the answer.
    const wanted = fold(words).split(/\s+/u).filter((word) => word.length > 1);
    const found = entries.filter((entry) => {
      const haystack = fold(`${entry.question} ${entry.answer}`);
      return wanted.every((word) => haystack.includes(word));
    });
    if (found.length === 0) {
      return reply(fr ? md`Je n'ai rien trouvé pour « ${excerpt(words)} ». Toutes les questions : ${prefix}faq` : md`Nothing found for "${excerpt(words)}". All questions: ${prefix}faq`);
    }
    return reply(joinMarkdown(found.slice(0, 5).map((entry) => faqEntryText(entry, language)), "\n\n"));
  },
});
