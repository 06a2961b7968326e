import type { Db } from "../database.ts";

/** Members who joined and await their (grouped) welcome, and who already had the guide. */
export class OnboardingStore {
  private readonly enqueue;
  private readonly selectDueRooms;
  private readonly selectQueue;
  private readonly clearQueue;
  private readonly claimGuideStatement;
  private readonly selectGuide;

  constructor(db: Db) {
    this.enqueue = db.prepare<[string, string, number]>("INSERT INTO welcome_queue (room_id, user_id, joined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
    this.selectDueRooms = db.prepare<[number], { room_id: string }>(
      "SELECT room_id FROM welcome_queue GROUP BY room_id HAVING min(joined_at) <= ? ORDER BY min(joined_at)",
    );
    this.selectQueue = db.prepare<[string], { user_id: string }>("SELECT user_id FROM welcome_queue WHERE room_id = ? ORDER BY joined_at, user_id");
    this.clearQueue = db.prepare<[string]>("DELETE FROM welcome_queue WHERE room_id = ?");
    this.claimGuideStatement = db.prepare<[string, number]>("INSERT INTO guides_sent (user_id, sent_at) VALUES (?, ?) ON CONFLICT DO NOTHING");
    this.selectGuide = db.prepare<[string], { sent_at: number }>("SELECT sent_at FROM guides_sent WHERE user_id = ?");
  }

  queueWelcome(roomId: string, userId: string, joinedAt: number): void {
    this.enqueue.run(roomId, userId, joinedAt);
  }

  /** Rooms whose first waiting newcomer joined at or before `joinedBefore`. */
  roomsDue(joinedBefore: number): string[] {
    return this.selectDueRooms.all(joinedBefore).map((row) => row.room_id);
  }

  /** Everyone waiting in the room, removed from the queue (to be welcomed together). */
  takeQueue(roomId: string): string[] {
    const users = this.selectQueue.all(roomId).map((row) => row.user_id);
    this.clearQueue.run(roomId);
    return users;
  }

  /** True the first time only: the guide goes to each member once, ever. */
  claimGuide(userId: string, now: number): boolean {
    return this.claimGuideStatement.run(userId, now).changes === 1;
  }

  guideSentAt(userId: string): number | undefined {
    return this.selectGuide.get(userId)?.sent_at;
  }
}
