import { DOCUMENT_LIMITS } from "./model.ts";

/** Why a title, link or tag was refused; each has its own friendly explanation (document-texts.ts). */
export type DocumentInputProblem =
  | { readonly kind: "missingUrl" }
  | { readonly kind: "missingTitle" }
  | { readonly kind: "titleTooLong"; readonly length: number }
  | { readonly kind: "notHttp"; readonly scheme: string }
  | { readonly kind: "noScheme"; readonly suggestion: string }
  | { readonly kind: "badUrl" }
  | { readonly kind: "credentials" }
  | { readonly kind: "urlTooLong"; readonly length: number }
  | { readonly kind: "badTag"; readonly tag: string }
  | { readonly kind: "tooManyTags" };

export type Parsed<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly problem: DocumentInputProblem };

export interface DocumentInput {
  readonly title: string;
  readonly url: string;
  readonly tags: readonly string[];
}

// Something after the colon, so that a title word such as "Notes:" is not taken for a link.
const SCHEME = /^([a-z][a-z0-9+.-]*):\S/iu;
// "pad.tilleuls.fr/p/compta": a host name with a dot, typed without http(s)://.
const BARE_HOST = /^(www\.)?[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(:\d+)?([/?#]\S*)?$/u;
const TAG = /^[\p{L}\p{N}_-]+$/u;
const QUOTES: readonly (readonly [string, string])[] = [["\"", "\""], ["«", "»"], ["“", "”"], ["'", "'"]];

function looksLikeUrl(word: string): boolean {
  return SCHEME.test(word) || BARE_HOST.test(word);
}

/** Only http(s), at most 2,000 characters, no password inside; returns the normalised address. */
export function parseUrl(typed: string): Parsed<{ readonly url: string }> {
  if (typed.length > DOCUMENT_LIMITS.url) return { ok: false, problem: { kind: "urlTooLong", length: typed.length } };
  const scheme = SCHEME.exec(typed)?.[1];
  if (scheme === undefined) {
    return BARE_HOST.test(typed) ? { ok: false, problem: { kind: "noScheme", suggestion: `https://${typed}` } } : { ok: false, problem: { kind: "badUrl" } };
  }
  if (!/^https?$/iu.test(scheme)) return { ok: false, problem: { kind: "notHttp", scheme: scheme.toLowerCase() } };
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return { ok: false, problem: { kind: "badUrl" } };
  }
  if (url.hostname === "") return { ok: false, problem: { kind: "badUrl" } };
  // Everyone in the room would read it, and the link checker would send it.
  if (url.username !== "" || url.password !== "") return { ok: false, problem: { kind: "credentials" } };
  // Percent-encoding can lengthen an address: the limit holds for what is stored too.
  if (url.href.length > DOCUMENT_LIMITS.url) return { ok: false, problem: { kind: "urlTooLong", length: url.href.length } };
  return { ok: true, url: url.href };
}

/** A title as typed, without one pair of surrounding quotes. */
export function parseTitle(typed: string): Parsed<{ readonly title: string }> {
  let title = typed.trim().replace(/\s+/gu, " ");
  for (const [open, close] of QUOTES) {
    if (title.length >= 2 && title.startsWith(open) && title.endsWith(close)) {
      title = title.slice(open.length, -close.length).trim();
      break;
    }
  }
  if (title === "") return { ok: false, problem: { kind: "missingTitle" } };
  if (title.length > DOCUMENT_LIMITS.title) return { ok: false, problem: { kind: "titleTooLong", length: title.length } };
  return { ok: true, title };
}

/** Tags as typed ("#Compta", or "compta" in `!docs modifier`): lower-case, without #, each once. */
export function parseTags(words: readonly string[]): Parsed<{ readonly tags: readonly string[] }> {
  const tags: string[] = [];
  for (const word of words) {
    const tag = word.replace(/^#/u, "").toLowerCase();
    if (!TAG.test(tag) || tag.length > DOCUMENT_LIMITS.tag) return { ok: false, problem: { kind: "badTag", tag: word } };
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > DOCUMENT_LIMITS.tags) return { ok: false, problem: { kind: "tooManyTags" } };
  return { ok: true, tags };
}

/**
 * `!docs ajouter <titre> <lien> [#étiquette…]`, or `<lien> <titre>`: the tags are the #words at the
 * end, the link is one word among the others, the title the rest (spaces and all). The link is
 * the last http(s) word; without one, the word in the link's place that looks like a link, so
 * that a link typed without https:// gets its own explanation.
 */
export function parseDocumentInput(text: string): Parsed<DocumentInput> {
  const words = [...text.matchAll(/\S+/gu)];
  let end = words.length;
  while (end > 0 && (words[end - 1]?.[0] ?? "").startsWith("#")) end -= 1;
  const candidates = words.slice(0, end);
  const linkWord =
    candidates.findLast((word) => /^https?:\S/iu.test(word[0])) ??
    [candidates.at(-1), candidates[0]].find((word) => word !== undefined && looksLikeUrl(word[0]));
  if (linkWord === undefined) return { ok: false, problem: { kind: "missingUrl" } };
  const url = parseUrl(linkWord[0]);
  if (!url.ok) return url;
  const titleEnd = words[end]?.index ?? text.length;
  const title = parseTitle(`${text.slice(0, linkWord.index)} ${text.slice(linkWord.index + linkWord[0].length, titleEnd)}`);
  if (!title.ok) return title;
  const tags = parseTags(words.slice(end).map((word) => word[0]));
  if (!tags.ok) return tags;
  return { ok: true, title: title.title, url: url.url, tags: tags.tags };
}
