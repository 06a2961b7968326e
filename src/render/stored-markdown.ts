import { localeOf, type Language } from "../i18n/language.ts";
import { code, md, type Markdown } from "./markdown.ts";
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
  const levels = depth.toLocaleString(localeOf(language));
  return language === "fr"
    ? md`Ce texte imbrique trop de niveaux les uns dans les autres : ${levels} niveaux de citations (${code(">")}), de listes (${code("-")}, ${code("*")}, ${code("1.")}) ou de mises en forme (${code("**")}, ${code("_")}), pour ${STORED_NESTING_LIMIT} au plus. Simplifiez-le, puis renvoyez-le.`
    : md`This text nests too many levels inside one another: ${levels} levels of quotes (${code(">")}), lists (${code("-")}, ${code("*")}, ${code("1.")}) or formatting (${code("**")}, ${code("_")}), for ${STORED_NESTING_LIMIT} at most. Simplify it, then send it again.`;
}
