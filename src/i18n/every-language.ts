import { catalog, type MessageKey } from "./catalog.ts";

/**
 * A plain text in every language of locales/languages.json, French first ("Page introuvable ·
 * Page not found"), for what is written before any room's language is known: an HTTP error, the
 * reason given to a refused inviter, the note ending a shortened message.
 */
export function inEveryLanguage(key: MessageKey): string {
  return catalog.languages.map((language) => catalog.plain(language.code, key)).join(" · ");
}
