import type { MemberNames } from "../matrix/display-names.ts";
import { DateTime } from "luxon";
import { t } from "../i18n/catalog.ts";
import { localeOf, type Language } from "../i18n/language.ts";
import { joinMarkdown, link, md, type Markdown } from "../render/markdown.ts";
import { documentsUsage, numberLabel } from "./document-texts.ts";
import type { RoomDocument } from "./model.ts";

/**
 * Markdown budget of one list. An event may hold 65,536 bytes, and an edit carries the text twice
 * (body and HTML, in the edit and in m.new_content): a long list ends with "…" instead of failing.
 */
export const LIST_BUDGET_BYTES = 12_000;

export interface ListStyle {
  readonly language: Language;
  readonly timeZone: string;
  /** With tags, who added each document and when (`!docs`); the pinned index is shorter. */
  readonly detailed: boolean;
  /** How the detailed list names who added a document (by Matrix ID without it). */
  readonly names?: MemberNames;
}

function byline(document: RoomDocument, style: ListStyle): Markdown {
  const day = DateTime.fromMillis(document.addedAt, { zone: style.timeZone }).setLocale(localeOf(style.language)).toFormat("d LLL yyyy");
  // Null after the member's erasure: the document stays, its author is forgotten.
  const who = document.addedBy === null ? t(style.language, "documents.list.someone") : (style.names?.displayName(document.roomId, document.addedBy) ?? document.addedBy);
  return t(style.language, "documents.list.byline", { who, day });
}

export function documentLine(document: RoomDocument, style: ListStyle): Markdown {
  const title = link(document.title, document.url);
  const number = numberLabel(document.number, style.language);
  if (!style.detailed) return md`- ${number} · ${title}`;
  const tags = document.tags.length === 0 ? md`` : md` · ${document.tags.map((tag) => `#${tag}`).join(" ")}`;
  return md`- **${number}** · ${title}${tags} · ${byline(document, style)}`;
}

/** Tags in alphabetical order, each with its documents; a document with two tags is under both. */
function groupByTag(documents: readonly RoomDocument[], language: Language): { tag: string | null; documents: RoomDocument[] }[] {
  const byTag = new Map<string, RoomDocument[]>();
  const untagged: RoomDocument[] = [];
  for (const document of documents) {
    if (document.tags.length === 0) untagged.push(document);
    for (const tag of document.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), document]);
  }
  const collator = new Intl.Collator(localeOf(language), { sensitivity: "base" });
  const groups: { tag: string | null; documents: RoomDocument[] }[] = [...byTag.keys()]
    .sort((a, b) => collator.compare(a, b))
    .map((tag) => ({ tag, documents: byTag.get(tag) ?? [] }));
  if (untagged.length > 0) groups.push({ tag: null, documents: untagged });
  return groups;
}

/** Fills sections with lines while they fit in the budget; says how many documents did not fit. */
function withinBudget(sections: readonly Section[], total: number, language: Language, prefix: string): Markdown {
  const kept: Markdown[] = [];
  const shown = new Set<number>();
  let used = 0;
  for (const section of sections) {
    const lines: Markdown[] = [];
    for (const document of section.documents) {
      const line = documentLine(document, section.style);
      const size = Buffer.byteLength(line.source);
      if (used + size > LIST_BUDGET_BYTES) break;
      used += size;
      lines.push(line);
      shown.add(document.id);
    }
    if (lines.length === 0) break;
    const list = joinMarkdown(lines, "\n");
    // A blank line before each heading: otherwise Markdown would read it as part of the last item.
    kept.push(section.heading === undefined ? list : joinMarkdown([section.heading, list], "\n"));
  }
  const missing = total - shown.size;
  if (missing > 0) {
    kept.push(t(language, "documents.list.more", { count: missing, search: documentsUsage(language, prefix, "documents.usage.search") }));
  }
  return joinMarkdown(kept, "\n\n");
}

interface Section {
  readonly heading?: Markdown;
  readonly documents: readonly RoomDocument[];
  readonly style: ListStyle;
}

/** The documents grouped by tag, then those without one. */
export function groupedList(documents: readonly RoomDocument[], style: ListStyle, prefix: string): Markdown {
  const untaggedTitle = t(style.language, "documents.list.untagged");
  const sections = groupByTag(documents, style.language).map(({ tag, documents: inGroup }) => ({
    heading: tag === null ? md`**${untaggedTitle}**` : md`**#${tag}**`,
    documents: inGroup,
    style,
  }));
  return withinBudget(sections, documents.length, style.language, prefix);
}

/** The documents in number order (search results). */
export function plainList(documents: readonly RoomDocument[], style: ListStyle, prefix: string): Markdown {
  return withinBudget([{ documents, style }], documents.length, style.language, prefix);
}

/** The pinned index: every document by tag, and how to add or find one. */
export function indexText(documents: readonly RoomDocument[], language: Language, timeZone: string, prefix: string): Markdown {
  const count = documents.length;
  const title = t(language, "documents.index.title", { count });
  const footer = t(language, "documents.index.footer", {
    add: documentsUsage(language, prefix, "documents.usage.add"),
    search: documentsUsage(language, prefix, "documents.usage.search"),
  });
  if (count === 0) return joinMarkdown([title, t(language, "documents.index.empty"), footer], "\n\n");
  return joinMarkdown([title, groupedList(documents, { language, timeZone, detailed: false }, prefix), footer], "\n\n");
}
