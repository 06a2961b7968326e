import { randomBytes } from "node:crypto";
import type { Db } from "../database.ts";

/** 128 random bits, URL-safe: 22 characters. */
export function newFeedToken(): string {
  return randomBytes(16).toString("base64url");
}

/** The secret tokens in each room's feed and page URLs; renewing revokes the old one at once. */
export class AgendaFeedTokensStore {
  private readonly selectCurrent;
  private readonly selectRoom;
  private readonly insert;
  private readonly revoke;

  constructor(db: Db) {
    this.selectCurrent = db.prepare<[string], { token: string }>(
      "SELECT token FROM agenda_feed_tokens WHERE room_id = ? AND revoked_at IS NULL",
    );
    this.selectRoom = db.prepare<[string], { room_id: string }>(
      "SELECT room_id FROM agenda_feed_tokens WHERE token = ? AND revoked_at IS NULL",
    );
    this.insert = db.prepare<[string, string, number]>("INSERT INTO agenda_feed_tokens (token, room_id, created_at) VALUES (?, ?, ?)");
    this.revoke = db.prepare<[number, string]>("UPDATE agenda_feed_tokens SET revoked_at = ? WHERE room_id = ? AND revoked_at IS NULL");
  }

  /** The room's current token, created on first use. */
  tokenFor(roomId: string, now: number): string {
    const current = this.selectCurrent.get(roomId)?.token;
    if (current !== undefined) return current;
    const token = newFeedToken();
    this.insert.run(token, roomId, now);
    return token;
  }

  renew(roomId: string, now: number): string {
    this.revoke.run(now, roomId);
    return this.tokenFor(roomId, now);
  }

  /** Revokes the room's token without a new one (Minou left the room). */
  revokeAll(roomId: string, now: number): void {
    this.revoke.run(now, roomId);
  }

  roomFor(token: string): string | undefined {
    return this.selectRoom.get(token)?.room_id;
  }
}
