import { plainText, t } from "../i18n/catalog.ts";
import type { Language } from "../i18n/language.ts";
import { excerpt } from "../render/cut-text.ts";
import { code, type Markdown } from "../render/markdown.ts";
import { DOCUMENT_LIMITS } from "./model.ts";
import type { DocumentInputProblem } from "./parse-document.ts";

/** A command line of the documents' area, as code: `!docs chercher <mots>`. */
export function documentsUsage(
  language: Language,
  prefix: string,
  key: "documents.usage.example" | "documents.usage.add" | "documents.usage.search" | "documents.usage.list" | "documents.usage.pin" | "documents.usage.edit" | "documents.usage.remove" | "documents.usage.services",
): Markdown {
  return code(prefix + plainText(language, key));
}

/** A friendly explanation, with an example, of why a title, link or tag was refused. */
export function inputProblemText(problem: DocumentInputProblem, language: Language, prefix: string): Markdown {
  const example = documentsUsage(language, prefix, "documents.usage.example");
  switch (problem.kind) {
    case "missingUrl":
      return t(language, "documents.input.missingUrl", { example });
    case "missingTitle":
      return t(language, "documents.input.missingTitle", { example });
    case "titleTooLong":
      return t(language, "documents.input.titleTooLong", { length: problem.length, max: DOCUMENT_LIMITS.title });
    case "notHttp":
      return t(language, "documents.input.notHttp", { scheme: problem.scheme });
    case "noScheme":
      return t(language, "documents.input.noScheme", { suggestion: code(problem.suggestion) });
    case "badUrl":
      return t(language, "documents.input.badUrl");
    case "credentials":
      return t(language, "documents.input.credentials");
    case "urlTooLong":
      return t(language, "documents.input.urlTooLong", { length: problem.length, max: DOCUMENT_LIMITS.url });
    case "badTag":
      return t(language, "documents.input.badTag", { tag: excerpt(problem.tag), max: DOCUMENT_LIMITS.tag });
    case "tooManyTags":
      return t(language, "documents.input.tooManyTags", { max: DOCUMENT_LIMITS.tags });
  }
}

/** "n°3" / "#3" */
export function numberLabel(number: number, language: Language): string {
  return plainText(language, "documents.number", { number });
}
