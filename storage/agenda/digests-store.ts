import type { Db } from "../database.ts";

/** Which weekly digests went out, so each room gets at most one a week. */
export class AgendaDigestsStore {
  private readonly insert;

  constructor(db: Db) {
    this.insert = db.prepare<[string, number, number]>(
      "INSERT INTO agenda_digests (room_id, week_start, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
    );
  }

  claim(roomId: string, weekStart: number, now: number): boolean {
    return this.insert.run(roomId, weekStart, now).changes === 1;
  }
}
