import { DateTime } from "luxon";
import type { Stores } from "../../storage/index.ts";
import type { RetentionSettings } from "../dispatch/command.ts";
import { t, type MessageKey, type ParametersOf } from "../i18n/catalog.ts";
import type { Language } from "../i18n/language.ts";
import type { Markdown } from "../render/markdown.ts";

/** The member whose data is read or erased, and what a feature needs to do it. */
export interface MemberScope {
  readonly stores: Stores;
  readonly userId: string;
  readonly now: number;
  /** The room's language, for the few labels the export spells out (a date poll's slot). */
  readonly language: Language;
  /** Times in the export are written in this zone (the room's), ISO 8601 with the offset. */
  readonly timeZone: string;
  /** Direct messages an erasure causes (a freed seat offered to the next person) use these. */
  readonly messaging: { readonly language: Language; readonly prefix: string };
}

/** What the `!vie-privée` text and the export's notes need to know. */
export interface PrivacyTextContext {
  readonly language: Language;
  readonly retention: RetentionSettings;
  readonly prefix: string;
}

/** One kind of record an erasure removes or anonymises, with how many, in words the member reads. */
export interface ErasureEffect {
  readonly count: number;
  /** A message of locales/<language>/privacy.json taking only `count` (an ICU plural). */
  readonly key: EffectKey;
}

/** The catalog's messages whose only placeholder is `{count}`: "1 réponse retirée" / "3 réponses retirées". */
export type EffectKey = {
  [K in MessageKey]: K extends `privacy.${string}` ? (ParametersOf<K> extends { readonly count: number } ? (keyof ParametersOf<K> extends "count" ? K : never) : never) : never;
}[MessageKey];

/**
 * A feature's share of a member's data. Each feature declares one next to its code and
 * src/privacy/parts.ts lists them all: the export, the erasure, the retention purge and the
 * `!vie-privée` text are all built from this list, so a new feature only adds its part there.
 */
export interface PersonalDataPart {
  /** The section's key in the export file. */
  readonly key: string;
  /** What is kept, why and for how long: one short paragraph (for `!vie-privée` and the export's notes). */
  describe(context: PrivacyTextContext): Markdown;
  /** The member's records, as plain JSON values, read from the stores. */
  collect(scope: MemberScope): Record<string, unknown>;
  /** What `erase` would do, changing nothing. */
  preview(scope: MemberScope): readonly ErasureEffect[];
  /** Removes the member's records (or their name from shared ones); runs in the caller's transaction. */
  erase(scope: MemberScope): readonly ErasureEffect[];
  /** Deletes what outlived its retention period; idempotent, and cheap on indexed columns. */
  purge?(stores: Stores, now: number, retention: RetentionSettings): void;
}

/** An instant as the export writes it: "2026-11-26T10:00:00+01:00". */
export function isoTime(ms: number, timeZone: string): string {
  return DateTime.fromMillis(ms, { zone: timeZone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}

/** A room as the export names it: its id, and its name when Minou knows one. */
export function roomRef(stores: Stores, roomId: string): { id: string; name: string | null } {
  const room = stores.rooms.get(roomId);
  return { id: roomId, name: room?.name ?? null };
}

/** An effect for `count` records, worded by `key` (its plural agrees with the count). */
export function effect(count: number, key: EffectKey): ErasureEffect {
  return { count, key };
}

/** The effect in words the member reads: "3 réponses … (retirées …)". */
export function effectText(erasure: ErasureEffect, language: Language): Markdown {
  return t(language, erasure.key, { count: erasure.count });
}

export const DAY_MS = 86_400_000;
