import { t } from "../i18n/catalog.ts";
import type { Language } from "../i18n/language.ts";
import type { Markdown } from "./markdown.ts";
import { markdownNesting } from "./markdown-nesting.ts";

/**
 * The deepest nesting of the Markdown moderators and the staff store for Minou to show again (FAQ
 * answers, welcome texts, announcements): more than any message needs, and ten times less than
 * what Minou renders as Markdown at all (RENDERABLE_NESTING).
 */
export const STORED_NESTING_LIMIT = 10;

/** Whether stored Markdown nests deeper than Minou now accepts (a text stored before the limit was). */
export function nestsTooDeeply(text: string): boolean {
  return markdownNesting(text) > STORED_NESTING_LIMIT;
}

/**
 * Why Markdown a moderator wrote nests too deeply to be stored (the command says what stays as
 * it was), or undefined when it may be stored.
 */
export function nestingProblem(text: string, language: Language): Markdown | undefined {
  const depth = markdownNesting(text);
  if (depth <= STORED_NESTING_LIMIT) return undefined;
  return t(language, "runtime.nestingProblem", { levels: depth, limit: STORED_NESTING_LIMIT });
}
