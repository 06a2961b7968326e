import type { Db } from "./database.ts";

/** A member as their latest `m.room.member` state event in the room shows them. */
export interface RoomMember {
  readonly membership: string;
  /** `displayname` of that event, as sent (null when absent or not a string). */
  readonly displayName: string | null;
}

/** Members of the rooms Minou is in, kept current from sync; purged with their room. */
export class RoomMembersStore {
  private readonly upsert;
  private readonly select;
  private readonly insertIfUnknown;
  private readonly selectOthersNamed;
  private readonly selectRoomOf;
  private readonly selectOfUser;
  private readonly deleteOfUser;

  constructor(db: Db) {
    this.upsert = db.prepare<[string, string, string, string | null, string | null]>(
      `INSERT INTO room_members (room_id, user_id, membership, display_name, name_key) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (room_id, user_id) DO UPDATE SET membership = excluded.membership,
         display_name = excluded.display_name, name_key = excluded.name_key`,
    );
    this.insertIfUnknown = db.prepare<[string, string, string | null, string | null]>(
      `INSERT INTO room_members (room_id, user_id, membership, display_name, name_key) VALUES (?, ?, 'join', ?, ?)
       ON CONFLICT (room_id, user_id) DO NOTHING`,
    );
    this.select = db.prepare<[string, string], { membership: string; display_name: string | null }>(
      "SELECT membership, display_name FROM room_members WHERE room_id = ? AND user_id = ?",
    );
    this.selectOthersNamed = db.prepare<[string, string, string], { found: number }>(
      `SELECT 1 AS found FROM room_members WHERE room_id = ? AND name_key = ? AND user_id <> ?
         AND membership IN ('join', 'invite') LIMIT 1`,
    );
    this.selectOfUser = db.prepare<[string], { room_id: string; membership: string; display_name: string | null }>(
      "SELECT room_id, membership, display_name FROM room_members WHERE user_id = ? ORDER BY room_id",
    );
    this.deleteOfUser = db.prepare<[string]>("DELETE FROM room_members WHERE user_id = ?");
    // A room where they are and have a name first, the same one each time.
    this.selectRoomOf = db.prepare<[string], { room_id: string }>(
      `SELECT room_id FROM room_members WHERE user_id = ? AND membership IN ('join', 'invite')
       ORDER BY display_name IS NULL, room_id LIMIT 1`,
    );
  }

  /** The member's rows, room by room, for their data export. */
  ofUser(userId: string): { roomId: string; membership: string; displayName: string | null }[] {
    return this.selectOfUser.all(userId).map((row) => ({ roomId: row.room_id, membership: row.membership, displayName: row.display_name }));
  }

  /** Forgets the member everywhere (their erasure); their next member event brings them back. */
  forgetUser(userId: string): number {
    return this.deleteOfUser.run(userId).changes;
  }

  /** A room Minou shares with the member, for names shown outside any of their rooms. */
  roomOf(userId: string): string | undefined {
    return this.selectRoomOf.get(userId)?.room_id;
  }

  /** From an m.room.member state event; `nameKey` is how its name compares (`displayNameKey`). */
  record(roomId: string, userId: string, membership: string, displayName: string | null, nameKey: string | null): void {
    this.upsert.run(roomId, userId, membership, displayName, nameKey);
  }

  /**
   * A joined member as the homeserver's joined-members list shows them, for rooms Minou was in
   * before it kept members: what sync said since then is newer and stays.
   */
  recordIfUnknown(roomId: string, userId: string, displayName: string | null, nameKey: string | null): void {
    this.insertIfUnknown.run(roomId, userId, displayName, nameKey);
  }

  get(roomId: string, userId: string): RoomMember | undefined {
    const row = this.select.get(roomId, userId);
    return row === undefined ? undefined : { membership: row.membership, displayName: row.display_name };
  }

  /** Whether another joined or invited member's name compares equal to `nameKey`. */
  nameTakenByOther(roomId: string, nameKey: string, userId: string): boolean {
    return this.selectOthersNamed.get(roomId, nameKey, userId) !== undefined;
  }
}
