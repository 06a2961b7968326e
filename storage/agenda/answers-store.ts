import type { Db } from "../database.ts";

export type Answer = "yes" | "maybe" | "no";

/** One stored answer of a member, as the export of their data lists it. */
export interface StoredAnswer {
  readonly eventId: number;
  readonly answer: Answer;
  readonly answeredAt: number;
  /** False when Minou recorded it (a date poll's chosen slot). */
  readonly byReaction: boolean;
}

export interface MemberAnswer {
  readonly userId: string;
  readonly answer: Answer;
  readonly answeredAt: number;
}

/**
 * RSVP answers. Every active reaction is kept, so a member's answer is their latest one and
 * removing a reaction (redacting it) falls back to the one before, as Element shows it.
 */
export class AgendaAnswersStore {
  private readonly insert;
  private readonly deleteByReaction;
  private readonly selectLatest;
  private readonly selectEventOfReaction;
  private readonly deleteForUser;
  private readonly selectOfMember;
  private readonly deleteOfMember;

  constructor(db: Db) {
    this.insert = db.prepare<[number, string, Answer, string | null, number]>(
      `INSERT INTO agenda_answers (event_id, user_id, answer, reaction_event_id, answered_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (reaction_event_id) DO NOTHING`,
    );
    this.deleteByReaction = db.prepare<[string]>("DELETE FROM agenda_answers WHERE reaction_event_id = ?");
    this.selectEventOfReaction = db.prepare<[string], { event_id: number }>(
      "SELECT event_id FROM agenda_answers WHERE reaction_event_id = ?",
    );
    // The latest answer of each member: highest answered_at, then the last recorded.
    this.selectLatest = db.prepare<[number], { user_id: string; answer: Answer; answered_at: number }>(
      `SELECT user_id, answer, answered_at FROM (
         SELECT user_id, answer, answered_at,
           row_number() OVER (PARTITION BY user_id ORDER BY answered_at DESC, id DESC) AS rank
         FROM agenda_answers WHERE event_id = ?)
       WHERE rank = 1 ORDER BY answered_at, user_id`,
    );
    this.deleteForUser = db.prepare<[number, string]>("DELETE FROM agenda_answers WHERE event_id = ? AND user_id = ?");
    this.selectOfMember = db.prepare<[string], { event_id: number; answer: Answer; answered_at: number; reaction_event_id: string | null }>(
      "SELECT event_id, answer, answered_at, reaction_event_id FROM agenda_answers WHERE user_id = ? ORDER BY event_id, answered_at, id",
    );
    this.deleteOfMember = db.prepare<[string], { event_id: number }>("DELETE FROM agenda_answers WHERE user_id = ? RETURNING event_id");
  }

  /** Records an answer; `reactionEventId` is null when Minou records it (a date poll's choice). */
  record(eventId: number, userId: string, answer: Answer, reactionEventId: string | null, answeredAt: number): void {
    this.insert.run(eventId, userId, answer, reactionEventId, answeredAt);
  }

  /** Withdraws the answer a reaction gave; returns the agenda event it was about, if any. */
  withdrawReaction(reactionEventId: string): number | undefined {
    const row = this.selectEventOfReaction.get(reactionEventId);
    if (row === undefined) return undefined;
    this.deleteByReaction.run(reactionEventId);
    return row.event_id;
  }

  /** Replaces whatever a member answered with one answer set by Minou. */
  replace(eventId: number, userId: string, answer: Answer, answeredAt: number): void {
    this.deleteForUser.run(eventId, userId);
    this.insert.run(eventId, userId, answer, null, answeredAt);
  }

  answers(eventId: number): MemberAnswer[] {
    return this.selectLatest.all(eventId).map((row) => ({ userId: row.user_id, answer: row.answer, answeredAt: row.answered_at }));
  }

  counts(eventId: number): Readonly<Record<Answer, number>> {
    const counts = { yes: 0, maybe: 0, no: 0 };
    for (const { answer } of this.answers(eventId)) counts[answer] += 1;
    return counts;
  }

  /** Every answer a member gave, for the export of their data. */
  ofMember(userId: string): StoredAnswer[] {
    return this.selectOfMember.all(userId).map((row) => ({ eventId: row.event_id, answer: row.answer, answeredAt: row.answered_at, byReaction: row.reaction_event_id !== null }));
  }

  /** Withdraws all of a member's answers; returns the events whose counts changed. */
  eraseMember(userId: string): number[] {
    return [...new Set(this.deleteOfMember.all(userId).map((row) => row.event_id))];
  }
}
