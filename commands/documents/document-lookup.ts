import { numberLabel, documentsUsage } from "../../src/documents/document-texts.ts";
import type { IndexDefaults } from "../../src/documents/index-message.ts";
import type { RoomDocument } from "../../src/documents/model.ts";
import { allows, refuse, type CommandContext, type CommandResult } from "../../src/dispatch/command.ts";
import { t } from "../../src/i18n/catalog.ts";

/** The document number argument; its label is `<command>.arg.number` in the catalog. */
export const numberArg = { name: "number", kind: "integer", min: 1 } as const;

/** The room's document with that number, or the refusal to answer with. Other rooms' documents are invisible. */
export function documentByNumber(context: CommandContext, number: number): RoomDocument | CommandResult {
  const document = context.stores.documents.documents.byNumber(context.room.roomId, number);
  if (document !== undefined) return document;
  return refuse(
    t(context.language, "documents.lookup.notFound", {
      number: numberLabel(number, context.language),
      list: documentsUsage(context.language, context.prefix, "documents.usage.list"),
    }),
  );
}

export function isDocument(value: RoomDocument | CommandResult): value is RoomDocument {
  return "url" in value;
}

/** Whoever added a document may change or remove it; anyone else needs to be a moderator (or the centre's staff). */
export function mayChange(context: CommandContext, document: RoomDocument): CommandResult | undefined {
  if ((document.addedBy !== null && document.addedBy === context.sender.userId) || allows(context.sender.level, "moderator")) return undefined;
  return refuse(t(context.language, "documents.lookup.notYours", { number: numberLabel(document.number, context.language) }));
}

/** Another document of the room already has this link. */
export function duplicateRefusal(context: CommandContext, existing: RoomDocument): CommandResult {
  return refuse(t(context.language, "documents.lookup.duplicate", { number: numberLabel(existing.number, context.language), title: existing.title }));
}

export function indexDefaults(context: CommandContext): IndexDefaults {
  return { language: context.room.language, timeZone: context.room.timeZone, prefix: context.prefix };
}

/** After a change: the pinned index will be edited (debounced, by the live-message editor). */
export function touchIndex(context: CommandContext): void {
  context.stores.documents.index.markDirty(context.room.roomId, context.now);
}
