import type { Db } from "../database.ts";

export type ReminderOutcome = "sent" | "late" | "skipped";

/**
 * One row per reminder of one occurrence: written in the transaction that queues the message,
 * so a reminder is sent once, whatever crashes or re-runs.
 */
export class AgendaRemindersStore {
  private readonly insert;

  constructor(db: Db) {
    this.insert = db.prepare<[number, number, number, number, ReminderOutcome, number]>(
      `INSERT INTO agenda_reminders (event_id, original_start, offset_minutes, due_at, outcome, done_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
  }

  /** Claims a reminder; false when it was already sent or skipped. */
  claim(eventId: number, originalStart: number, offsetMinutes: number, dueAt: number, outcome: ReminderOutcome, now: number): boolean {
    return this.insert.run(eventId, originalStart, offsetMinutes, dueAt, outcome, now).changes === 1;
  }
}
