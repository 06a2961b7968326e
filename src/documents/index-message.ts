import type { Stores } from "../../storage/index.ts";
import { queuedFor } from "../pipeline/purpose.ts";
import type { FollowUp } from "../dispatch/command.ts";
import type { Language } from "../i18n/language.ts";
import { noticeContent } from "../matrix/reply-content.ts";
import { txnIdFor } from "../matrix/txn-id.ts";
import type { LiveMessageSource } from "../pipeline/live-messages.ts";
import { PIN_ACTION } from "../pipeline/outbox-sender.ts";
import { renderMessage } from "../render/render-message.ts";
import { indexText } from "./document-list.ts";
import { DOCUMENT_INDEX, MINOU_KEY } from "./model.ts";

export interface IndexDefaults {
  readonly language: Language;
  readonly timeZone: string;
  readonly prefix: string;
}

/** The index message's content for the room's current documents. */
export function indexContent(stores: Stores, roomId: string, defaults: IndexDefaults): Record<string, unknown> {
  const room = stores.rooms.get(roomId);
  const text = indexText(stores.documents.documents.inRoom(roomId), room?.language ?? defaults.language, room?.timeZone ?? defaults.timeZone, defaults.prefix);
  return { [MINOU_KEY]: { documents: "index" }, ...noticeContent(renderMessage(text)) };
}

/**
 * Queues a (new) index message for the room, to be sent after the command's reply. `pin`: Minou
 * may pin in this room, so the message is pinned as soon as its event id is known.
 */
export function requestIndex(stores: Stores, roomId: string, pin: boolean, defaults: IndexDefaults, now: number): FollowUp {
  const record = stores.documents.index.recordRequested(roomId, pin, now);
  return { eventType: "m.room.message", content: indexContent(stores, roomId, defaults), ...queuedFor(DOCUMENT_INDEX, record.id) };
}

/** A pin of the index, as an outbox action (the sender adds it to m.room.pinned_events, keeping the others). */
export function pinAction(eventId: string): FollowUp {
  return { eventType: PIN_ACTION, content: { event_id: eventId } };
}

/**
 * Once the index is sent: remembers its event id and, when it was asked with the power to pin,
 * queues the pin. Runs in the transaction that marks the message sent, so neither is lost.
 */
export function recordIndexSent(stores: Stores, ref: string | undefined, eventId: string, now: number): void {
  const record = stores.documents.index.get(Number(ref));
  if (record === undefined) return;
  stores.documents.index.recordSent(record.id, eventId);
  if (!record.pinWanted) return;
  const pin = pinAction(eventId);
  stores.outbox.enqueue({ txnId: txnIdFor(`documents-index-pin:${eventId}`), roomId: record.roomId, eventType: pin.eventType, content: pin.content, context: "pin of the documents index" }, now);
}

/** Each room's index, kept listing the current documents. */
export function liveDocumentIndex(stores: Stores, defaults: IndexDefaults): LiveMessageSource {
  const { index } = stores.documents;
  return {
    hasPending: () => index.hasPending(),
    due: (changedBefore) => index.dirtySince(changedBefore),
    takeEdit(id) {
      const revision = index.takeEdit(id);
      const record = index.get(id);
      if (record === undefined || record.eventId === null) return undefined;
      return {
        roomId: record.roomId,
        originalEventId: record.eventId,
        content: indexContent(stores, record.roomId, defaults),
        cause: `documents-index:${record.eventId}`,
        revision,
        context: "documents index edit",
      };
    },
  };
}
