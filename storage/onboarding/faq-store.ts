import type { Db } from "../database.ts";

export interface FaqEntry {
  readonly id: number;
  /** null: a centre-wide entry, shown in every room. */
  readonly roomId: string | null;
  readonly number: number;
  readonly question: string;
  readonly answer: string;
  readonly addedBy: string | null;
  readonly addedAt: number;
}

interface FaqRow {
  id: number;
  room_id: string | null;
  number: number;
  question: string;
  answer: string;
  added_by: string | null;
  added_at: number;
}

const toEntry = (row: FaqRow): FaqEntry => ({
  id: row.id,
  roomId: row.room_id,
  number: row.number,
  question: row.question,
  answer: row.answer,
  addedBy: row.added_by,
  addedAt: row.added_at,
});

/** Questions and answers: each room's own, numbered per room, and the centre's ("C1", "C2"…). */
export class FaqStore {
  private readonly insert;
  private readonly selectVisible;
  private readonly selectOne;
  private readonly remove;
  private readonly forget;
  private readonly selectAddedBy;

  constructor(db: Db) {
    this.insert = db.prepare<[Record<string, string | number | null>], FaqRow>(
      `INSERT INTO faq_entries (room_id, number, question, answer, added_by, added_at)
       VALUES (@roomId, (SELECT coalesce(max(number), 0) + 1 FROM faq_entries WHERE coalesce(room_id, '') = coalesce(@roomId, '')),
         @question, @answer, @addedBy, @now)
       RETURNING *`,
    );
    this.selectVisible = db.prepare<[string], FaqRow>("SELECT * FROM faq_entries WHERE room_id = ? OR room_id IS NULL ORDER BY room_id IS NULL, number");
    this.selectOne = db.prepare<[string, number], FaqRow>("SELECT * FROM faq_entries WHERE coalesce(room_id, '') = ? AND number = ?");
    this.remove = db.prepare<[number]>("DELETE FROM faq_entries WHERE id = ?");
    this.forget = db.prepare<[string]>("UPDATE faq_entries SET added_by = NULL WHERE added_by = ?");
    this.selectAddedBy = db.prepare<[string], FaqRow>("SELECT * FROM faq_entries WHERE added_by = ? ORDER BY id");
  }

  add(roomId: string | null, question: string, answer: string, addedBy: string, now: number): FaqEntry {
    const row = this.insert.get({ roomId, question, answer, addedBy, now });
    if (row === undefined) throw new Error("FAQ entry not created");
    return toEntry(row);
  }

  /** The room's entries, then the centre's. */
  visibleIn(roomId: string): FaqEntry[] {
    return this.selectVisible.all(roomId).map(toEntry);
  }

  /** A room entry (roomId) or a centre entry (null). */
  find(roomId: string | null, number: number): FaqEntry | undefined {
    const row = this.selectOne.get(roomId ?? "", number);
    return row === undefined ? undefined : toEntry(row);
  }

  delete(id: number): void {
    this.remove.run(id);
  }

  /** Entries a member wrote, for the export of their data. */
  addedByMember(userId: string): FaqEntry[] {
    return this.selectAddedBy.all(userId).map(toEntry);
  }

  /** A member's erasure keeps the answers they wrote, unattributed. */
  forgetMember(userId: string): void {
    this.forget.run(userId);
  }
}
