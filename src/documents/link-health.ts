import { t } from "../i18n/catalog.ts";
import type { Language } from "../i18n/language.ts";
import type { Markdown } from "../render/markdown.ts";
import type { LinkProblem } from "../../storage/documents/link-checks-store.ts";
import type { LinkStatus } from "./link-check.ts";

export type LinkVerdict =
  | { readonly working: true }
  /** `lasting`: reported at once; otherwise (a timeout, a 503) only when the re-check fails too. */
  | { readonly working: false; readonly problem: LinkProblem; readonly lasting: boolean };

// A private cloud folder or a members-only pad answers "log in first" to a stranger such as
// Minou: the link is fine, only not public.
const RESTRICTED = new Set([401, 403, 407]);
// Rate limiting and server errors usually pass; a vanished page or a refusal to check does not.
const PASSING_HTTP = (status: number): boolean => status === 429 || status >= 500;
const PASSING_NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ETIMEDOUT", "EPIPE"]);

export function judgeLink(status: LinkStatus): LinkVerdict {
  if (status.ok) return { working: true };
  switch (status.reason) {
    case "http":
      if (RESTRICTED.has(status.status)) return { working: true };
      return { working: false, problem: status, lasting: !PASSING_HTTP(status.status) };
    case "timeout":
      return { working: false, problem: status, lasting: false };
    case "network":
      return { working: false, problem: status, lasting: !PASSING_NETWORK.has(status.detail) };
    case "blockedAddress":
    case "tooManyRedirects":
    case "badUrl":
      return { working: false, problem: status, lasting: true };
  }
}

/** What went wrong, in a few words for the room. */
export function linkProblemText(problem: LinkProblem, language: Language): Markdown {
  switch (problem.reason) {
    case "http":
      if (problem.status === 404 || problem.status === 410) return t(language, "documents.linkProblem.notFound", { status: problem.status });
      return t(language, "documents.linkProblem.httpError", { status: problem.status });
    case "timeout":
      return t(language, "documents.linkProblem.timeout");
    case "network":
      return problem.detail === "ENOTFOUND" ? t(language, "documents.linkProblem.unknownHost") : t(language, "documents.linkProblem.unreachable", { detail: problem.detail });
    case "blockedAddress":
      return t(language, "documents.linkProblem.blockedAddress", { address: problem.address });
    case "tooManyRedirects":
      return t(language, "documents.linkProblem.tooManyRedirects");
    case "badUrl":
      return t(language, "documents.linkProblem.badRedirect");
  }
}
