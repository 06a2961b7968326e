import { catalog, type MessageKey } from "../i18n/catalog.ts";
import { pick, type Language, type Localized } from "../i18n/language.ts";

/**
 * The prefix of a command's texts in the catalog, e.g. "general.aide" for the keys
 * `general.aide.names` (comma-separated, first one shown), `general.aide.summary`, optional
 * `general.aide.details` (trusted Markdown), `general.aide.arg.<name>` (each argument and option
 * label) and optional `general.aide.permission` (who may use it, when narrower than the level).
 */
export type CommandTextsKey = MessageKey extends infer Key ? (Key extends `${infer Prefix}.summary` ? Prefix : never) : never;

/** A command's user-facing texts, in any language of locales/languages.json. */
export interface CommandTexts {
  /** Its names in a language, the one to show first; French ones when the language has none. */
  names(language: Language): readonly string[];
  /** Every name in every language: what the registry answers to. */
  everyName(): readonly string[];
  summary(language: Language): string;
  details(language: Language): string | undefined;
  label(argName: string, language: Language): string;
  permissionDetail(language: Language): string | undefined;
}

function splitNames(text: string): string[] {
  return text.split(",").map((name) => name.trim()).filter((name) => name !== "");
}

function unique(names: readonly string[]): string[] {
  return names.filter((name, index) => names.indexOf(name) === index);
}

/** Texts read from the catalog under `key`. */
export function catalogTexts(key: CommandTextsKey): CommandTexts {
  const optional = (suffix: string, language: Language): string | undefined => (catalog.has(`${key}.${suffix}`) ? catalog.plain(language, `${key}.${suffix}`) : undefined);
  const names = (language: Language): readonly string[] => splitNames(catalog.plain(language, `${key}.names`));
  return {
    names,
    everyName: () => unique(catalog.languages.flatMap((language) => names(language.code as Language))),
    summary: (language) => catalog.plain(language, `${key}.summary`),
    details: (language) => optional("details", language),
    label: (argName, language) => catalog.plain(language, `${key}.arg.${argName}`),
    permissionDetail: (language) => optional("permission", language),
  };
}

/** The texts of a command not yet moved to the catalog (French and English in its descriptor). */
export interface LocalizedCommandTexts {
  readonly names: Localized<readonly string[]>;
  readonly summary: Localized;
  readonly details?: Localized;
  readonly permissionDetail?: Localized;
  readonly labels: Readonly<Record<string, Localized | undefined>>;
}

export function localizedTexts(texts: LocalizedCommandTexts): CommandTexts {
  return {
    names: (language) => pick(texts.names, language),
    everyName: () => unique([...texts.names.fr, ...texts.names.en]),
    summary: (language) => pick(texts.summary, language),
    details: (language) => (texts.details === undefined ? undefined : pick(texts.details, language)),
    label: (argName, language) => {
      const label = texts.labels[argName];
      return label === undefined ? argName : pick(label, language);
    },
    permissionDetail: (language) => (texts.permissionDetail === undefined ? undefined : pick(texts.permissionDetail, language)),
  };
}
