import type { Db } from "../database.ts";

/**
 * Keeps each event's announcement (the message members react to) in step with its answers:
 * a change marks it dirty, and a debounced flush edits it once for a burst of reactions. Being
 * in the database, a pending edit survives a restart.
 */
export class AgendaAnnouncementsStore {
  private readonly markDirtyStatement;
  private readonly selectDirty;
  private readonly clearDirty;
  private readonly selectAnyDirty;

  constructor(db: Db) {
    this.markDirtyStatement = db.prepare<[number, number]>(
      "UPDATE agenda_events SET announcement_dirty_at = coalesce(announcement_dirty_at, ?) WHERE id = ? AND announcement_event_id IS NOT NULL",
    );
    this.selectDirty = db.prepare<[number], { id: number }>(
      "SELECT id FROM agenda_events WHERE announcement_dirty_at IS NOT NULL AND announcement_dirty_at <= ? ORDER BY id",
    );
    this.selectAnyDirty = db.prepare<[], { one: number }>(
      "SELECT 1 AS one FROM agenda_events WHERE announcement_dirty_at IS NOT NULL LIMIT 1",
    );
    this.clearDirty = db.prepare<[number], { revision: number }>(
      `UPDATE agenda_events SET announcement_dirty_at = NULL, announcement_revision = announcement_revision + 1
       WHERE id = ? RETURNING announcement_revision AS revision`,
    );
  }

  markDirty(eventId: number, now: number): void {
    this.markDirtyStatement.run(now, eventId);
  }

  hasPending(): boolean {
    return this.selectAnyDirty.get() !== undefined;
  }

  /** Events whose announcement has waited at least until `changedBefore`. */
  dirtySince(changedBefore: number): number[] {
    return this.selectDirty.all(changedBefore).map((row) => row.id);
  }

  /** Marks the announcement as being edited; returns the edit's revision (for its transaction id). */
  takeEdit(eventId: number): number {
    return this.clearDirty.get(eventId)?.revision ?? 0;
  }
}
