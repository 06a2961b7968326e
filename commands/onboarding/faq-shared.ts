import { refuse, type CommandContext, type CommandResult } from "../../src/dispatch/command.ts";
import { tokenize } from "../../src/dispatch/tokenize.ts";
import type { FaqEntry } from "../../storage/onboarding/faq-store.ts";
import { md, trusted, type Markdown } from "../../src/render/markdown.ts";
import { nestingProblem, nestsTooDeeply } from "../../src/render/stored-markdown.ts";

/** "n°3" for a room's entry, "C2" for the centre's. */
export function faqNumber(entry: FaqEntry, language: "fr" | "en"): string {
  return entry.roomId === null ? `C${entry.number}` : language === "fr" ? `n°${entry.number}` : `#${entry.number}`;
}

/**
 * An entry shown in full; the answer is Markdown written by the room's moderators or the staff.
 * One stored before nesting was bounded may nest too deeply to render: it is shown as typed.
 */
export function faqEntryText(entry: FaqEntry, language: "fr" | "en"): Markdown {
  const answer = nestsTooDeeply(entry.answer) ? md`${entry.answer}` : trusted(entry.answer);
  return md`**${faqNumber(entry, language)} · ${entry.question}**\n${answer}`;
}

/** `"Question ?" Réponse en Markdown` → both parts, or the refusal. */
export function readQuestionAnswer(context: CommandContext, text: string): { question: string; answer: string } | CommandResult {
  const [question] = tokenize(text);
  const answer = question === undefined ? "" : text.slice(question.end).trim();
  if (question === undefined || !question.quoted || question.text === "" || answer === "") {
    return refuse(
      context.language === "fr"
        ? md`Mettez la question entre guillemets, puis la réponse : ${context.prefix}faq ajouter "Où trouver le pad ?" Dans les documents : !docs`
        : md`Put the question in quotes, then the answer: ${context.prefix}faq add "Where is the pad?" In the documents: !docs`,
    );
  }
  if (question.text.length > 300 || answer.length > 4000) {
    return refuse(context.language === "fr" ? md`C'est un peu long : 300 caractères pour la question, 4 000 pour la réponse.` : md`That is a bit long: 300 characters for the question, 4,000 for the answer.`);
  }
  const tooDeep = nestingProblem(answer, context.language);
  if (tooDeep !== undefined) return refuse(context.language === "fr" ? md`${tooDeep} La question n'a pas été ajoutée.` : md`${tooDeep} The question was not added.`);
  return { question: question.text, answer };
}
