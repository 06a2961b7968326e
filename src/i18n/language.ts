import type { Language } from "../config/schema.ts";

export type { Language };

/** A text (or anything else) in each of Minou's languages. French comes first everywhere. */
export type Localized<T = string> = Readonly<Record<Language, T>>;

export function isLanguage(value: string): value is Language {
  return value === "fr" || value === "en";
}

/** BCP 47 tag for dates, numbers and lists in a language. */
export function localeOf(language: Language): string {
  return language === "fr" ? "fr-FR" : "en-GB";
}
