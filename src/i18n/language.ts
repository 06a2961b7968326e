import { catalog } from "./catalog.ts";
import type { Language } from "../config/schema.ts";

export type { Language };

/**
 * A text in French and English written in the code, for what has not moved to the catalog yet
 * (locales/README.md). New texts go to the catalog; read a `Localized` with `pick`.
 */
export type Localized<T = string> = Readonly<Record<"fr" | "en", T>>;

/** The value for a language, French when the record has none for it. */
export function pick<T>(localized: Localized<T>, language: string): T {
  return language === "en" ? localized.en : localized.fr;
}

/** Whether a code is one of locales/languages.json. */
export function isLanguage(value: string): value is Language {
  return catalog.isLanguage(value);
}

/** The codes of locales/languages.json, French first. */
export function languageCodes(): readonly Language[] {
  return catalog.languages.map((language) => language.code as Language);
}

/** BCP 47 tag for dates, numbers and lists in a language (locales/languages.json). */
export function localeOf(language: Language): string {
  return catalog.localeOf(language);
}
