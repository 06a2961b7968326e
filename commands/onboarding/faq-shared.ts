import { plainText, t } from "../../src/i18n/catalog.ts";
import type { Language } from "../../src/i18n/language.ts";
import { refuse, type CommandContext, type CommandResult } from "../../src/dispatch/command.ts";
import { tokenize } from "../../src/dispatch/tokenize.ts";
import { onboardingCommandName } from "../../src/onboarding/texts.ts";
import type { FaqEntry } from "../../storage/onboarding/faq-store.ts";
import { md, trusted, type Markdown } from "../../src/render/markdown.ts";
import { nestingProblem, nestsTooDeeply } from "../../src/render/stored-markdown.ts";

/** "n°3" for a room's entry, "C2" for the centre's. */
export function faqNumber(entry: FaqEntry, language: Language): string {
  return plainText(language, entry.roomId === null ? "onboarding.faq.centreNumber" : "onboarding.faq.number", { number: entry.number });
}

/**
 * An entry shown in full; the answer is Markdown written by the room's moderators or the staff.
 * One stored before nesting was bounded may nest too deeply to render: it is shown as typed.
 */
export function faqEntryText(entry: FaqEntry, language: Language): Markdown {
  const answer = nestsTooDeeply(entry.answer) ? md`${entry.answer}` : trusted(entry.answer);
  return t(language, "onboarding.faq.entry", { number: faqNumber(entry, language), question: entry.question, answer });
}

/** `"Question ?" Réponse en Markdown` → both parts, or the refusal (its example names the command used). */
export function readQuestionAnswer(context: CommandContext, text: string, command: "faqAjouter" | "faqAjouterCentre"): { question: string; answer: string } | CommandResult {
  const { language, prefix } = context;
  const [question] = tokenize(text);
  const answer = question === undefined ? "" : text.slice(question.end).trim();
  if (question === undefined || !question.quoted || question.text === "" || answer === "") {
    // The example sits in a code span: the command goes in as it is typed.
    return refuse(t(language, "onboarding.faqAjouter.format", { command: trusted(prefix + onboardingCommandName(language, command)) }));
  }
  if (question.text.length > 300 || answer.length > 4000) return refuse(t(language, "onboarding.faqAjouter.tooLong"));
  const tooDeep = nestingProblem(answer, language);
  if (tooDeep !== undefined) return refuse(t(language, "onboarding.faqAjouter.nestsTooDeeply", { problem: tooDeep }));
  return { question: question.text, answer };
}
