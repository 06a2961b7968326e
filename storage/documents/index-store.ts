import type { Db } from "../database.ts";

/** The room's index message, as the live-message editor and the pin need it. */
export interface DocumentIndexRecord {
  /** Row id: what the live-message editor and the outbox's purpose reference use. */
  readonly id: number;
  readonly roomId: string;
  /** Null until the homeserver accepted the message (or when it was never sent). */
  readonly eventId: string | null;
  /** When the current index message was queued (null: never). */
  readonly requestedAt: number | null;
  /** Whether to pin it once sent (Minou had the power when it was asked for). */
  readonly pinWanted: boolean;
}

interface IndexRow {
  id: number;
  room_id: string;
  index_event_id: string | null;
  index_requested_at: number | null;
  index_pin: number;
}

const toRecord = (row: IndexRow): DocumentIndexRecord => ({
  id: row.id,
  roomId: row.room_id,
  eventId: row.index_event_id,
  requestedAt: row.index_requested_at,
  pinWanted: row.index_pin === 1,
});

/**
 * One index message per room listing its documents, kept current by edits: a change marks it
 * dirty, and the debounced editor edits it once for a burst of changes (the marks survive a restart).
 */
export class DocumentIndexStore {
  private readonly ensureRow;
  private readonly selectByRoom;
  private readonly selectById;
  private readonly updateRequested;
  private readonly updateSent;
  private readonly updatePin;
  private readonly markDirtyStatement;
  private readonly selectDirty;
  private readonly selectAnyDirty;
  private readonly takeDirty;

  constructor(db: Db) {
    this.ensureRow = db.prepare<[string]>("INSERT INTO document_rooms (room_id) VALUES (?) ON CONFLICT (room_id) DO NOTHING");
    this.selectByRoom = db.prepare<[string], IndexRow>("SELECT * FROM document_rooms WHERE room_id = ?");
    this.selectById = db.prepare<[number], IndexRow>("SELECT * FROM document_rooms WHERE id = ?");
    this.updateRequested = db.prepare<[number, number, string]>(
      "UPDATE document_rooms SET index_requested_at = ?, index_pin = ?, index_event_id = NULL, index_dirty_at = NULL WHERE room_id = ?",
    );
    this.updateSent = db.prepare<[string, number]>("UPDATE document_rooms SET index_event_id = ? WHERE id = ?");
    this.updatePin = db.prepare<[string]>("UPDATE document_rooms SET index_pin = 1 WHERE room_id = ?");
    // Changes made while the message is still on its way are kept, and edited in once it is sent.
    this.markDirtyStatement = db.prepare<[number, string]>(
      "UPDATE document_rooms SET index_dirty_at = coalesce(index_dirty_at, ?) WHERE room_id = ? AND index_requested_at IS NOT NULL",
    );
    this.selectDirty = db.prepare<[number], { id: number }>(
      "SELECT id FROM document_rooms WHERE index_dirty_at IS NOT NULL AND index_dirty_at <= ? AND index_event_id IS NOT NULL ORDER BY id",
    );
    this.selectAnyDirty = db.prepare<[], { one: number }>(
      "SELECT 1 AS one FROM document_rooms WHERE index_dirty_at IS NOT NULL AND index_event_id IS NOT NULL LIMIT 1",
    );
    this.takeDirty = db.prepare<[number], { revision: number }>(
      "UPDATE document_rooms SET index_dirty_at = NULL, index_revision = index_revision + 1 WHERE id = ? RETURNING index_revision AS revision",
    );
  }

  /** The room's index record (created empty the first time). */
  ofRoom(roomId: string): DocumentIndexRecord {
    this.ensureRow.run(roomId);
    const row = this.selectByRoom.get(roomId);
    if (row === undefined) throw new Error("document index row missing");
    return toRecord(row);
  }

  get(id: number): DocumentIndexRecord | undefined {
    const row = this.selectById.get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  /** A (new) index message is queued: it becomes the room's index once sent. */
  recordRequested(roomId: string, pin: boolean, now: number): DocumentIndexRecord {
    this.ensureRow.run(roomId);
    this.updateRequested.run(now, pin ? 1 : 0, roomId);
    return this.ofRoom(roomId);
  }

  /** Pin the index message still on its way as soon as it is sent. */
  wantPin(roomId: string): void {
    this.updatePin.run(roomId);
  }

  recordSent(id: number, eventId: string): void {
    this.updateSent.run(eventId, id);
  }

  markDirty(roomId: string, now: number): void {
    this.markDirtyStatement.run(now, roomId);
  }

  hasPending(): boolean {
    return this.selectAnyDirty.get() !== undefined;
  }

  dirtySince(changedBefore: number): number[] {
    return this.selectDirty.all(changedBefore).map((row) => row.id);
  }

  /** Clears the mark; returns the edit's revision (for its transaction id). */
  takeEdit(id: number): number {
    return this.takeDirty.get(id)?.revision ?? 0;
  }
}
