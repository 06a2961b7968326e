import { fittedContentJson } from "../src/matrix/event-size.ts";
import type { Db } from "./database.ts";

export interface OutgoingEvent {
  /** Derived from what caused the message, so a resend after a crash reuses it. */
  readonly txnId: string;
  readonly roomId: string;
  readonly eventType: string;
  readonly content: Record<string, unknown>;
  /** What the sent event stands for, so its event id can be recorded against it once sent. */
  readonly purpose?: string;
  readonly purposeRef?: string;
  /** For logs when sending finally fails: the room, the command, who asked. */
  readonly context: string;
  /** A direct message: sent in the member's DM room with Minou (created on first use); roomId is then "". */
  readonly targetUser?: string;
  /** A file to upload; its mxc:// URL goes into the content's `url` before sending. */
  readonly attachment?: { readonly filename: string; readonly mimeType: string; readonly data: Buffer };
}

export interface QueuedEvent extends OutgoingEvent {
  readonly id: number;
  readonly attempts: number;
  readonly createdAt: number;
}

interface OutboxRow {
  id: number;
  txn_id: string;
  room_id: string;
  event_type: string;
  content: string;
  purpose: string | null;
  purpose_ref: string | null;
  context: string;
  attempts: number;
  created_at: number;
  attachment: Buffer | null;
  attachment_name: string | null;
  attachment_type: string | null;
  target_user: string | null;
}

function toQueued(row: OutboxRow): QueuedEvent {
  return {
    id: row.id,
    txnId: row.txn_id,
    roomId: row.room_id,
    eventType: row.event_type,
    content: JSON.parse(row.content) as Record<string, unknown>,
    ...(row.purpose === null ? {} : { purpose: row.purpose }),
    ...(row.purpose_ref === null ? {} : { purposeRef: row.purpose_ref }),
    context: row.context,
    ...(row.target_user === null ? {} : { targetUser: row.target_user }),
    ...(row.attachment === null ? {} : { attachment: { filename: row.attachment_name ?? "fichier", mimeType: row.attachment_type ?? "application/octet-stream", data: row.attachment } }),
    attempts: row.attempts,
    createdAt: row.created_at,
  };
}

/**
 * Messages waiting to be sent. They are queued in the same transaction as the change that causes
 * them, and leave the queue only once the homeserver has accepted them.
 */
export class OutboxStore {
  private readonly insert;
  private readonly selectPending;
  private readonly updateSent;
  private readonly updateAttempt;
  private readonly updateFailed;
  private readonly deleteDone;
  private readonly selectByTxn;
  private readonly selectPendingRooms;
  private readonly selectNextForRoom;
  private readonly selectPendingInRoom;
  private readonly selectPendingShapes;
  private readonly deletePendingEdits;

  constructor(db: Db) {
    this.insert = db.prepare<
      [string, string, string, string, string | null, string | null, string, number, Buffer | null, string | null, string | null, string | null]
    >(
      `INSERT INTO outbox (txn_id, room_id, event_type, content, purpose, purpose_ref, context, created_at, attachment, attachment_name, attachment_type, target_user)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (txn_id) DO NOTHING`,
    );
    this.selectPending = db.prepare<[number], OutboxRow>(
      `SELECT * FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL ORDER BY id LIMIT ?`,
    );
    // Once sent, the text and file are in Matrix and the log context is of no more use: only the
    // ids stay, for idempotence (data minimisation).
    this.updateSent = db.prepare<[number, string, number]>(
      "UPDATE outbox SET sent_at = ?, sent_event_id = ?, content = '{}', attachment = NULL, context = '' WHERE id = ?",
    );
    this.updateAttempt = db.prepare<[number]>("UPDATE outbox SET attempts = attempts + 1 WHERE id = ?");
    this.updateFailed = db.prepare<[number, string, number]>(
      // A message given up is kept for its reason only: what it said (a member's words, perhaps) goes.
      "UPDATE outbox SET failed_at = ?, failure = ?, content = '{}', attachment = NULL, context = '' WHERE id = ?",
    );
    this.deleteDone = db.prepare<[number]>("DELETE FROM outbox WHERE coalesce(sent_at, failed_at) < ?");
    this.selectPendingRooms = db.prepare<[], { room_id: string }>(
      "SELECT room_id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL GROUP BY room_id ORDER BY min(id)",
    );
    this.selectNextForRoom = db.prepare<[string], OutboxRow>(
      `SELECT * FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND room_id = ? ORDER BY id LIMIT 1`,
    );
    this.selectPendingInRoom = db.prepare<[string, number], OutboxRow>(
      `SELECT * FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND room_id = ? ORDER BY id LIMIT ?`,
    );
    this.selectPendingShapes = db.prepare<[], { room_id: string; purpose: string | null; target_user: string | null; msgtype: string | null; is_edit: number }>(
      `SELECT room_id, purpose, target_user, json_extract(content, '$.msgtype') AS msgtype,
              json_extract(content, '$."m.new_content"') IS NOT NULL AS is_edit
       FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL ORDER BY id`,
    );
    this.deletePendingEdits = db.prepare<[string, string]>(
      `DELETE FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND room_id = ?
         AND json_extract(content, '$."m.relates_to".rel_type') = 'm.replace'
         AND json_extract(content, '$."m.relates_to".event_id') = ?`,
    );
    this.selectByTxn = db.prepare<[string], { sent_event_id: string | null; failure: string | null }>(
      "SELECT sent_event_id, failure FROM outbox WHERE txn_id = ?",
    );
  }

  /**
   * Queues a message; queuing the same transaction id twice keeps the first. Every message Minou
   * sends passes here, so here a message too big for Matrix is shortened (event-size.ts).
   */
  enqueue(event: OutgoingEvent, now: number): boolean {
    return (
      this.insert.run(
        event.txnId,
        event.roomId,
        event.eventType,
        fittedContentJson(event.content),
        event.purpose ?? null,
        event.purposeRef ?? null,
        event.context,
        now,
        event.attachment?.data ?? null,
        event.attachment?.filename ?? null,
        event.attachment?.mimeType ?? null,
        event.targetUser ?? null,
      ).changes === 1
    );
  }

  pending(limit: number): QueuedEvent[] {
    return this.selectPending.all(limit).map(toQueued);
  }

  /** Rooms with messages waiting, the longest-waiting first. */
  pendingRooms(): string[] {
    return this.selectPendingRooms.all().map((row) => row.room_id);
  }

  /** The first `limit` messages waiting in a room, oldest first. */
  pendingInRoom(roomId: string, limit: number): QueuedEvent[] {
    return this.selectPendingInRoom.all(roomId, limit).map(toQueued);
  }

  /** What each waiting message is, without its content: enough to tell how urgent it is. */
  pendingShapes(): { roomId: string; purpose?: string; targetUser?: string; msgtype?: string; isEdit: boolean }[] {
    return this.selectPendingShapes.all().map((row) => ({
      roomId: row.room_id,
      ...(row.purpose === null ? {} : { purpose: row.purpose }),
      ...(row.target_user === null ? {} : { targetUser: row.target_user }),
      ...(row.msgtype === null ? {} : { msgtype: row.msgtype }),
      isEdit: row.is_edit === 1,
    }));
  }

  /**
   * Drops the edits of a live message still waiting: a newer edit carries its whole latest state.
   * One already on its way is not affected (its worker holds it), and is harmless.
   */
  dropPendingEdits(roomId: string, originalEventId: string): number {
    return this.deletePendingEdits.run(roomId, originalEventId).changes;
  }

  nextForRoom(roomId: string): QueuedEvent | undefined {
    const row = this.selectNextForRoom.get(roomId);
    return row === undefined ? undefined : toQueued(row);
  }

  markSent(id: number, eventId: string, at: number): void {
    this.updateSent.run(at, eventId, id);
  }

  recordAttempt(id: number): void {
    this.updateAttempt.run(id);
  }

  markFailed(id: number, reason: string, at: number): void {
    this.updateFailed.run(at, reason, id);
  }

  /** The event id a message got, once sent (undefined while queued or after a failure). */
  sentEventId(txnId: string): string | undefined {
    return this.selectByTxn.get(txnId)?.sent_event_id ?? undefined;
  }

  /** Forgets messages sent (or given up) before `at`. */
  purgeFinishedBefore(at: number): number {
    return this.deleteDone.run(at).changes;
  }
}
