import type { Language } from "../i18n/language.ts";
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
export function linkProblemText(problem: LinkProblem, language: Language): string {
  const fr = language === "fr";
  switch (problem.reason) {
    case "http":
      if (problem.status === 404 || problem.status === 410) return fr ? `page introuvable (erreur ${problem.status})` : `page not found (error ${problem.status})`;
      return fr ? `le site répond par une erreur (${problem.status})` : `the site answers with an error (${problem.status})`;
    case "timeout":
      return fr ? "le site ne répond pas" : "the site does not answer";
    case "network":
      return problem.detail === "ENOTFOUND"
        ? fr ? "ce nom de site n'existe pas (ou plus)" : "this site name does not exist (any more)"
        : fr ? `le site est injoignable (${problem.detail})` : `the site cannot be reached (${problem.detail})`;
    case "blockedAddress":
      return fr
        ? `non vérifié : il mène à une adresse privée ou locale (${problem.address}), que je ne contacte pas`
        : `not checked: it leads to a private or local address (${problem.address}), which I do not contact`;
    case "tooManyRedirects":
      return fr ? "trop de redirections (le lien tourne en rond)" : "too many redirects (the link goes round in circles)";
    case "badUrl":
      return fr ? "non vérifié : il redirige vers une adresse qui n'est pas un lien web" : "not checked: it redirects to something that is not a web link";
  }
}
