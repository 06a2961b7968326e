import type { Db } from "./database.ts";

/** Each member's direct-message room with Minou: created once, then reused. */
export class DirectRoomsStore {
  private readonly select;
  private readonly insert;
  private readonly remove;
  private readonly selectRoom;

  constructor(db: Db) {
    this.select = db.prepare<[string], { room_id: string }>("SELECT room_id FROM direct_rooms WHERE user_id = ?");
    this.insert = db.prepare<[string, string, number]>(
      "INSERT INTO direct_rooms (user_id, room_id, created_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET room_id = excluded.room_id",
    );
    this.remove = db.prepare<[string]>("DELETE FROM direct_rooms WHERE room_id = ?");
    this.selectRoom = db.prepare<[string, string], { found: number }>(
      "SELECT 1 AS found FROM direct_rooms WHERE room_id = ? UNION ALL SELECT 1 FROM rooms WHERE room_id = ? AND direct = 1",
    );
  }

  roomOf(userId: string): string | undefined {
    return this.select.get(userId)?.room_id;
  }

  record(userId: string, roomId: string, now: number): void {
    this.insert.run(userId, roomId, now);
  }

  /** A DM Minou opened, or one a member opened with Minou (`RoomsStore.markDirect`). */
  isDirectRoom(roomId: string): boolean {
    return this.selectRoom.get(roomId, roomId) !== undefined;
  }

  /** The member left the DM: the next message opens a new one. */
  forgetRoom(roomId: string): void {
    this.remove.run(roomId);
  }
}
