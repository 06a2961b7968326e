import { numberLabel } from "../../src/documents/document-texts.ts";
import type { IndexDefaults } from "../../src/documents/index-message.ts";
import type { RoomDocument } from "../../src/documents/model.ts";
import { allows, refuse, type CommandContext, type CommandResult } from "../../src/dispatch/command.ts";
import { code, md } from "../../src/render/markdown.ts";

export const numberArg = { name: "number", kind: "integer", min: 1, label: { fr: "n°", en: "#" } } as const;

/** The room's document with that number, or the refusal to answer with. Other rooms' documents are invisible. */
export function documentByNumber(context: CommandContext, number: number): RoomDocument | CommandResult {
  const document = context.stores.documents.documents.byNumber(context.room.roomId, number);
  if (document !== undefined) return document;
  const list = code(`${context.prefix}docs`);
  return refuse(
    context.language === "fr"
      ? md`Il n'y a pas de document n°${number} dans ce salon. Tapez ${list} pour la liste.`
      : md`There is no document #${number} in this room. Type ${list} for the list.`,
  );
}

export function isDocument(value: RoomDocument | CommandResult): value is RoomDocument {
  return "url" in value;
}

/** Whoever added a document may change or remove it; anyone else needs to be a moderator (or the centre's staff). */
export function mayChange(context: CommandContext, document: RoomDocument): CommandResult | undefined {
  if ((document.addedBy !== null && document.addedBy === context.sender.userId) || allows(context.sender.level, "moderator")) return undefined;
  const number = numberLabel(document.number, context.language);
  return refuse(
    context.language === "fr"
      ? md`Seuls la personne qui a ajouté le document ${number}, les modérateurs du salon et l'équipe du centre peuvent le modifier ou le retirer.`
      : md`Only whoever added document ${number}, the room's moderators and the centre's staff can change or remove it.`,
  );
}

/** Another document of the room already has this link. */
export function duplicateRefusal(context: CommandContext, existing: RoomDocument): CommandResult {
  const number = numberLabel(existing.number, context.language);
  return refuse(
    context.language === "fr"
      ? md`Ce lien est déjà dans la liste : document ${number} « ${existing.title} ».`
      : md`That link is already in the list: document ${number} "${existing.title}".`,
  );
}

export function indexDefaults(context: CommandContext): IndexDefaults {
  return { language: context.room.language, timeZone: context.room.timeZone, prefix: context.prefix };
}

/** After a change: the pinned index will be edited (debounced, by the live-message editor). */
export function touchIndex(context: CommandContext): void {
  context.stores.documents.index.markDirty(context.room.roomId, context.now);
}
