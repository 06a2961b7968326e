import type { Db } from "./database.ts";

/** A code of locales/languages.json (checked where it is chosen: `!langue`). */
export type Language = string;
/** "rejected" is no longer written (a refused invite leaves no row); older databases had it. */
export type Membership = "invite" | "join" | "leave" | "rejected";

/** One association room as Minou knows it (the association registry). */
export interface RoomRecord {
  readonly roomId: string;
  readonly name: string | null;
  /** null: the centre's default language applies. */
  readonly language: Language | null;
  /** null: the centre's default time zone applies. */
  readonly timeZone: string | null;
  readonly membership: Membership;
  readonly inviter: string | null;
  readonly joinedAt: number | null;
  readonly leftAt: number | null;
  readonly encrypted: boolean;
  readonly lastActivityAt: number | null;
  /** The association's name as its moderators set it (the Matrix room name otherwise). */
  readonly associationName: string | null;
  readonly contact: string | null;
  /** Set by the centre's staff (`!asso tags culture jeunesse`); announcements can target them. */
  readonly tags: readonly string[];
  readonly memberCount: number | null;
  /** What Minou cannot do in the room for lack of power: "pin", "redact", "room-mention" (ping it with @room). */
  readonly missingPowers: readonly string[];
  /** A member's direct-message room with Minou (see `markDirect`), not an association room. */
  readonly direct: boolean;
}

interface RoomRow {
  room_id: string;
  name: string | null;
  language: Language | null;
  time_zone: string | null;
  membership: Membership;
  inviter: string | null;
  joined_at: number | null;
  left_at: number | null;
  encrypted: number;
  last_activity_at: number | null;
  association_name: string | null;
  contact: string | null;
  tags: string;
  member_count: number | null;
  missing_powers: string;
  direct: number;
}

function toRecord(row: RoomRow): RoomRecord {
  return {
    roomId: row.room_id,
    name: row.name,
    language: row.language,
    timeZone: row.time_zone,
    membership: row.membership,
    inviter: row.inviter,
    joinedAt: row.joined_at,
    leftAt: row.left_at,
    encrypted: row.encrypted === 1,
    lastActivityAt: row.last_activity_at,
    associationName: row.association_name,
    contact: row.contact,
    tags: JSON.parse(row.tags) as string[],
    memberCount: row.member_count,
    missingPowers: JSON.parse(row.missing_powers) as string[],
    direct: row.direct === 1,
  };
}

export class RoomsStore {
  private readonly select;
  private readonly selectByMembership;
  private readonly upsertInvite;
  private readonly upsertJoin;
  private readonly updateMembership;
  private readonly updateName;
  private readonly updateLanguage;
  private readonly updateTimeZone;
  private readonly updateEncrypted;
  private readonly updateActivity;
  private readonly updateAssociationName;
  private readonly updateContact;
  private readonly updateTags;
  private readonly updateMemberCount;
  private readonly selectUncounted;
  private readonly updateMissingPowers;
  private readonly selectLeftBefore;
  private readonly deleteRoom;
  private readonly selectAssociations;
  private readonly updateDirect;
  private readonly deleteNeverJoined;
  private readonly revertInvite;

  constructor(db: Db) {
    this.select = db.prepare<[string], RoomRow>("SELECT * FROM rooms WHERE room_id = ?");
    this.selectByMembership = db.prepare<[Membership], RoomRow>(
      "SELECT * FROM rooms WHERE membership = ? ORDER BY room_id",
    );
    // A fresh invite to a room Minou is already in changes nothing.
    this.upsertInvite = db.prepare<[string, string, string | null, number]>(
      `INSERT INTO rooms (room_id, membership, inviter, name, direct) VALUES (?, 'invite', ?, ?, ?)
       ON CONFLICT (room_id) DO UPDATE SET membership = 'invite', inviter = excluded.inviter,
         name = coalesce(excluded.name, rooms.name), direct = max(rooms.direct, excluded.direct)
       WHERE rooms.membership <> 'join'`,
    );
    this.upsertJoin = db.prepare<[string, number]>(
      `INSERT INTO rooms (room_id, membership, joined_at) VALUES (?, 'join', ?)
       ON CONFLICT (room_id) DO UPDATE SET membership = 'join', joined_at = excluded.joined_at, left_at = NULL
       WHERE rooms.membership <> 'join'`,
    );
    this.updateMembership = db.prepare<[Membership, number, string]>(
      "UPDATE rooms SET membership = ?, left_at = ? WHERE room_id = ? AND membership IN ('join', 'invite')",
    );
    this.updateName = db.prepare<[string | null, string]>("UPDATE rooms SET name = ? WHERE room_id = ?");
    this.updateLanguage = db.prepare<[Language, string]>("UPDATE rooms SET language = ? WHERE room_id = ?");
    this.updateTimeZone = db.prepare<[string, string]>("UPDATE rooms SET time_zone = ? WHERE room_id = ?");
    this.updateEncrypted = db.prepare<[string]>("UPDATE rooms SET encrypted = 1 WHERE room_id = ?");
    this.updateAssociationName = db.prepare<[string | null, string]>("UPDATE rooms SET association_name = ? WHERE room_id = ?");
    this.updateContact = db.prepare<[string | null, string]>("UPDATE rooms SET contact = ? WHERE room_id = ?");
    this.updateTags = db.prepare<[string, string]>("UPDATE rooms SET tags = ? WHERE room_id = ?");
    this.updateMemberCount = db.prepare<[number | null, string]>("UPDATE rooms SET member_count = ? WHERE room_id = ?");
    this.selectUncounted = db.prepare<[number], { room_id: string }>("SELECT room_id FROM rooms WHERE membership = 'join' AND member_count IS NULL ORDER BY room_id LIMIT ?");
    this.updateMissingPowers = db.prepare<[string, string]>("UPDATE rooms SET missing_powers = ? WHERE room_id = ?");
    this.selectLeftBefore = db.prepare<[number], { room_id: string }>(
      "SELECT room_id FROM rooms WHERE membership IN ('leave', 'rejected') AND left_at < ? ORDER BY room_id",
    );
    this.deleteRoom = db.prepare<[string]>("DELETE FROM rooms WHERE room_id = ?");
    this.selectAssociations = db.prepare<[], RoomRow>(
      `SELECT * FROM rooms WHERE membership = 'join' AND direct = 0
         AND room_id NOT IN (SELECT room_id FROM direct_rooms) ORDER BY room_id`,
    );
    this.updateDirect = db.prepare<[string]>("UPDATE rooms SET direct = 1 WHERE room_id = ?");
    this.deleteNeverJoined = db.prepare<[string]>("DELETE FROM rooms WHERE room_id = ? AND membership = 'invite' AND joined_at IS NULL");
    // A room Minou was in before: back to how its leave left it (its data kept as long as that allows).
    this.revertInvite = db.prepare<[string]>("UPDATE rooms SET membership = 'leave', inviter = NULL WHERE room_id = ? AND membership = 'invite'");
    this.updateActivity = db.prepare<[number, string, number]>(
      "UPDATE rooms SET last_activity_at = ? WHERE room_id = ? AND coalesce(last_activity_at, 0) < ?",
    );
  }

  setAssociationName(roomId: string, name: string | null): void {
    this.updateAssociationName.run(name, roomId);
  }

  setContact(roomId: string, contact: string | null): void {
    this.updateContact.run(contact, roomId);
  }

  /** Tags are stored lower-case and without "#", in the order given, once each. */
  setTags(roomId: string, tags: readonly string[]): void {
    this.updateTags.run(JSON.stringify([...new Set(tags.map(normalizeTag).filter((tag) => tag !== ""))]), roomId);
  }

  /** Every tag in use in association rooms, for suggestions. */
  knownTags(): string[] {
    return [...new Set(this.associationRooms().flatMap((room) => room.tags))].sort();
  }

  /** null: membership changed since the last count, which is to be taken again. */
  setMemberCount(roomId: string, count: number | null): void {
    this.updateMemberCount.run(count, roomId);
  }

  /** Joined rooms whose member count is unknown, at most `limit`. */
  uncounted(limit: number): string[] {
    return this.selectUncounted.all(limit).map((row) => row.room_id);
  }

  setMissingPowers(roomId: string, missing: readonly string[]): void {
    this.updateMissingPowers.run(JSON.stringify(missing), roomId);
  }

  /** Rooms Minou left (or was kicked from) before `at`: their data may be purged. */
  leftBefore(at: number): string[] {
    return this.selectLeftBefore.all(at).map((row) => row.room_id);
  }

  /** Deletes a room and, through foreign keys, everything Minou kept for it. */
  purge(roomId: string): void {
    this.deleteRoom.run(roomId);
  }

  get(roomId: string): RoomRecord | undefined {
    const row = this.select.get(roomId);
    return row === undefined ? undefined : toRecord(row);
  }

  withMembership(membership: Membership): RoomRecord[] {
    return this.selectByMembership.all(membership).map(toRecord);
  }

  /** The joined rooms that are associations' rooms: members' direct messages with Minou left out. */
  associationRooms(): RoomRecord[] {
    return this.selectAssociations.all().map(toRecord);
  }

  /** `direct`: the invite's member event said `is_direct` (a member opening a DM with Minou). */
  recordInvite(roomId: string, inviter: string, name: string | null, direct = false): void {
    this.upsertInvite.run(roomId, inviter, name, direct ? 1 : 0);
  }

  /**
   * A member's direct-message room with Minou, as `is_direct` or Minou's `m.direct` account data
   * says. It stays one: a DM a member widens to a group is still theirs, as in Element.
   */
  markDirect(roomId: string): void {
    this.updateDirect.run(roomId);
  }

  /** Records that Minou is in the room; the first join time is kept while it stays. */
  recordJoin(roomId: string, at: number): void {
    this.upsertJoin.run(roomId, at);
  }

  recordLeave(roomId: string, at: number): void {
    this.updateMembership.run("leave", at, roomId);
  }

  /**
   * An invite Minou refused (or could not answer) leaves nothing: not who sent it, not the room's
   * name. A room Minou had been in goes back to "leave", its own retention unchanged.
   */
  forgetInvite(roomId: string): void {
    this.deleteNeverJoined.run(roomId);
    this.revertInvite.run(roomId);
  }

  setName(roomId: string, name: string | null): void {
    this.updateName.run(name, roomId);
  }

  setLanguage(roomId: string, language: Language): void {
    this.updateLanguage.run(language, roomId);
  }

  setTimeZone(roomId: string, timeZone: string): void {
    this.updateTimeZone.run(timeZone, roomId);
  }

  recordEncrypted(roomId: string): void {
    this.updateEncrypted.run(roomId);
  }

  recordActivity(roomId: string, at: number): void {
    this.updateActivity.run(at, roomId, at);
  }
}

export function normalizeTag(tag: string): string {
  return tag.trim().replace(/^#+/u, "").toLowerCase();
}
