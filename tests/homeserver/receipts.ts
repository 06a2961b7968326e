// Read receipts (spec: "Receipts"), as Synapse 1.67 keeps them: the latest per room, user and
// type (storage/databases/main/receipts.py), each a position in the single stream so that /sync
// delivers it as an `m.receipt` ephemeral event. `m.read.private` is shown only to its owner.
import type { Room } from "./room.ts";
import type { Stream } from "./stream.ts";
import type { JsonObject } from "./types.ts";

export const READ_RECEIPT_TYPES = ["m.read", "m.read.private"] as const;
export type ReadReceiptType = (typeof READ_RECEIPT_TYPES)[number];

interface Receipt {
  readonly userId: string;
  readonly type: ReadReceiptType;
  readonly eventId: string;
  readonly ts: number;
  /** Where the receipt is in the stream. */
  readonly position: number;
  /** Stream position of the event it points at; undefined for an event this server does not know. */
  readonly eventPosition: number | undefined;
}

export class Receipts {
  private readonly byRoom = new Map<string, Map<string, Receipt>>();

  constructor(private readonly stream: Stream) {}

  /**
   * Synapse stores a receipt for an unknown event too, but does not let one replace a receipt
   * for a later event ("Ignoring new receipt … in favour of existing one for later event").
   */
  set(room: Room, userId: string, type: ReadReceiptType, eventId: string): void {
    const eventPosition = room.event(eventId)?.streamPos;
    let receipts = this.byRoom.get(room.roomId);
    if (!receipts) {
      receipts = new Map();
      this.byRoom.set(room.roomId, receipts);
    }
    const key = `${type}\u0000${userId}`;
    const existing = receipts.get(key);
    if (eventPosition !== undefined && existing?.eventPosition !== undefined && existing.eventPosition >= eventPosition) return;
    const position = this.stream.next();
    receipts.set(key, { userId, type, eventId, ts: Date.now(), position, eventPosition });
    this.stream.touch(type === "m.read" ? new Set([...room.joined, userId]) : [userId], position);
  }

  /** The stream position of the latest event the user has read (m.read or m.read.private) in the room. */
  lastRead(roomId: string, userId: string): number | undefined {
    let latest: number | undefined;
    for (const type of READ_RECEIPT_TYPES) {
      const position = this.byRoom.get(roomId)?.get(`${type}\u0000${userId}`)?.eventPosition;
      if (position !== undefined && (latest === undefined || position > latest)) latest = position;
    }
    return latest;
  }

  /** The `m.receipt` event for /sync: every receipt on an initial sync, else those set after `since`. */
  ephemeralEvent(roomId: string, viewer: string, since: number | undefined): JsonObject | undefined {
    const content: Record<string, Record<string, Record<string, { ts: number }>>> = {};
    let any = false;
    for (const receipt of this.byRoom.get(roomId)?.values() ?? []) {
      if (since !== undefined && receipt.position <= since) continue;
      if (receipt.type === "m.read.private" && receipt.userId !== viewer) continue;
      const byType = (content[receipt.eventId] ??= {});
      (byType[receipt.type] ??= {})[receipt.userId] = { ts: receipt.ts };
      any = true;
    }
    return any ? { type: "m.receipt", content } : undefined;
  }
}
