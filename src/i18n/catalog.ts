import { readdirSync, readFileSync } from "node:fs";
import { IntlMessageFormat } from "intl-messageformat";
import { escapeMarkdown, Markdown, type MarkdownPart } from "../render/markdown.ts";
import type { MessageParameters } from "./message-parameters.ts";

/**
 * Every user-facing text, one flat JSON file per language and area (locales/<language>/<area>.json,
 * Weblate's "JSON file" format), read through ICU MessageFormat. French is the reference: its keys
 * are the type below, and a language missing a key says it in French. See locales/README.md.
 *
 * A key of the French catalog, from src/i18n/message-parameters.ts, which `npm run i18n:types`
 * generates from every locales/fr/*.json (a test fails while it is stale): a misspelt key is a type
 * error, and a new area file needs no line of code.
 */
export type MessageKey = keyof MessageParameters & string;
/**
 * Placeholder values: a plain string is user text and is Markdown-escaped (as `md` does), a
 * `Markdown` value passes as it is, a number goes to ICU (plurals, `{count, number}`).
 */
export type MessageValues = Readonly<Record<string, MarkdownPart>>;

/** The values a message takes, by name: a misspelt or missing placeholder is a type error. */
export type ParametersOf<K extends MessageKey> = MessageParameters[K];
type ValuesArgument<K extends MessageKey> = ParametersOf<K> extends Record<string, never> ? [values?: Record<string, never>] : [values: ParametersOf<K>];

export interface LanguageInfo {
  /** The code rooms and the config use ("fr"). */
  readonly code: string;
  /** The language's name in itself ("Français"), for `!langue`. */
  readonly name: string;
  /** BCP 47 tag for dates, numbers and lists ("fr-FR"). */
  readonly locale: string;
}

export const REFERENCE_LANGUAGE = "fr";
const localesDirectory = new URL("../../locales/", import.meta.url);

type Messages = ReadonlyMap<string, string>;

/** Reads `<directory>/<language>/*.json`; throws on a file that is not a flat object of strings. */
export function readCatalogs(directory: URL, languages: readonly LanguageInfo[]): Map<string, Messages> {
  const catalogs = new Map<string, Messages>();
  for (const { code } of languages) {
    const messages = new Map<string, string>();
    const folder = new URL(`${code}/`, directory);
    for (const file of readdirSync(folder).filter((name) => name.endsWith(".json")).sort()) {
      const parsed: unknown = JSON.parse(readFileSync(new URL(file, folder), "utf8"));
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`locales/${code}/${file}: objet JSON attendu`);
      for (const [key, text] of Object.entries(parsed)) {
        if (typeof text !== "string") throw new Error(`locales/${code}/${file}: « ${key} » doit être un texte`);
        if (messages.has(key)) throw new Error(`locales/${code}/${file}: la clé « ${key} » existe déjà dans un autre fichier`);
        messages.set(key, text);
      }
    }
    catalogs.set(code, messages);
  }
  return catalogs;
}

function readLanguages(directory: URL): LanguageInfo[] {
  const parsed: unknown = JSON.parse(readFileSync(new URL("languages.json", directory), "utf8"));
  if (!Array.isArray(parsed)) throw new Error("locales/languages.json: liste attendue");
  return parsed.map((entry: unknown, index) => {
    const { code, name, locale } = (entry ?? {}) as Record<string, unknown>;
    if (typeof code !== "string" || typeof name !== "string" || typeof locale !== "string") {
      throw new Error(`locales/languages.json[${index}]: code, name et locale attendus`);
    }
    return { code, name, locale };
  });
}

type Ast = ReturnType<IntlMessageFormat["getAst"]>;
// @formatjs/icu-messageformat-parser's TYPE enum.
const LITERAL = 0;
const ARGUMENT = 1;
const NUMBER = 2;
const SELECT = 5;
const PLURAL = 6;

/** How a message uses each placeholder: shown as text, compared by a select, or counted. */
export type PlaceholderUse = "text" | "select" | "number";

/** The placeholders of a message, with how it uses each (a name used two ways keeps the first). */
export function placeholdersOf(ast: Ast): ReadonlyMap<string, PlaceholderUse> {
  const uses = new Map<string, PlaceholderUse>();
  const walk = (elements: Ast): void => {
    for (const element of elements) {
      if ("value" in element && element.type !== LITERAL && !uses.has(element.value)) {
        const use = element.type === SELECT ? "select" : element.type === PLURAL || element.type === NUMBER ? "number" : element.type === ARGUMENT ? "text" : undefined;
        if (use !== undefined) uses.set(element.value, use);
      }
      if ("options" in element) for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(ast);
  return uses;
}

/** A message read once: compiled, with its placeholders. */
export function compileMessage(message: string, locale: string): { readonly format: IntlMessageFormat; readonly placeholders: ReadonlyMap<string, PlaceholderUse> } {
  // Markdown and usage lines hold "<commande>": no ICU tags, so "<" stays text.
  const format = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true });
  return { format, placeholders: placeholdersOf(format.getAst()) };
}

interface Compiled {
  readonly format: IntlMessageFormat;
  readonly placeholders: ReadonlyMap<string, PlaceholderUse>;
}

/** A set of catalogs with their compiled messages; `catalog` below is Minou's own. */
export class Catalog {
  private readonly compiled = new Map<string, Compiled>();
  readonly languages: readonly LanguageInfo[];

  constructor(
    languages: readonly LanguageInfo[],
    private readonly catalogs: ReadonlyMap<string, Messages>,
  ) {
    this.languages = languages;
  }

  static load(directory: URL = localesDirectory): Catalog {
    const languages = readLanguages(directory);
    return new Catalog(languages, readCatalogs(directory, languages));
  }

  isLanguage(code: string): boolean {
    return this.languages.some((language) => language.code === code);
  }

  localeOf(language: string): string {
    return (this.languages.find((info) => info.code === language) ?? this.languages.find((info) => info.code === REFERENCE_LANGUAGE))?.locale ?? "fr-FR";
  }

  /** Whether the reference catalog has a key (for optional texts such as a command's details). */
  has(key: string): boolean {
    return this.catalogs.get(REFERENCE_LANGUAGE)?.has(key) ?? false;
  }

  /** The raw ICU text, in `language` or else in French. */
  source(language: string, key: string): string {
    const text = this.catalogs.get(language)?.get(key) ?? this.catalogs.get(REFERENCE_LANGUAGE)?.get(key);
    if (text === undefined) throw new Error(`Texte inconnu : ${key}`);
    return text;
  }

  /** The message as trusted Markdown, its string values escaped as `md` does. */
  markdown(language: string, key: string, values: MessageValues = {}): Markdown {
    const { format, placeholders } = this.compile(language, key, values);
    const prepared: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(values)) {
      if (value instanceof Markdown) prepared[name] = value.source;
      else prepared[name] = typeof value === "string" && placeholders.get(name) !== "select" ? escapeMarkdown(value) : value;
    }
    return new Markdown(String(format.format(prepared)));
  }

  /** The message as plain text, for what is not Markdown (iCal, CSV, HTML pages that escape it). */
  plain(language: string, key: string, values: MessageValues = {}): string {
    const prepared: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(values)) prepared[name] = value instanceof Markdown ? value.source : value;
    return String(this.compile(language, key, values).format.format(prepared));
  }

  private compile(language: string, key: string, values: MessageValues): Compiled {
    const compiled = this.compiled.get(`${language}\u0000${key}`) ?? this.compileOnce(language, key);
    // ICU throws for a value left out; a misspelt or stray one would pass silently.
    for (const name of Object.keys(values)) {
      if (!compiled.placeholders.has(name)) throw new Error(`${key} : pas de paramètre « ${name} » (${[...compiled.placeholders.keys()].join(", ") || "aucun"})`);
    }
    return compiled;
  }

  private compileOnce(language: string, key: string): Compiled {
    const found = this.catalogs.get(language)?.has(key) === true ? language : REFERENCE_LANGUAGE;
    const cacheKey = `${found}\u0000${key}`;
    const cached = this.compiled.get(cacheKey);
    if (cached !== undefined) return cached;
    const compiled = compileMessage(this.source(found, key), this.localeOf(found));
    this.compiled.set(cacheKey, compiled);
    return compiled;
  }
}

/** Minou's catalogs, read once when the process starts. */
export let catalog = Catalog.load();

/** Puts another catalog in place (the pseudo-locale test); returns the one it replaced. */
export function useCatalog(next: Catalog): Catalog {
  const previous = catalog;
  catalog = next;
  return previous;
}

/**
 * A text of the catalog as Markdown: `t(language, "general.langue.done", { name })`. The message is
 * trusted Markdown; string values are user text and get escaped, `Markdown` values and numbers not.
 */
export function t<K extends MessageKey>(language: string, key: K, ...[values]: ValuesArgument<K>): Markdown {
  return catalog.markdown(language, key, values);
}

/** The same text as plain text, where nothing is Markdown (iCal, CSV headers, escaped HTML). */
export function plainText<K extends MessageKey>(language: string, key: K, ...[values]: ValuesArgument<K>): string {
  return catalog.plain(language, key, values);
}
