import type { MatrixEvent } from "../../storage/inbound-events-store.ts";
import { parsePowerLevels, type PowerLevels } from "../matrix/power-levels.ts";
import { withRetry, type RetryPolicy } from "../matrix/retry.ts";
import type { MatrixTransport } from "../matrix/transport.ts";

/** How Minou names a member when it mentions them: their display name in the room, if known. */
export interface MemberNames {
  displayName(roomId: string, userId: string): string | undefined;
}

/**
 * Power levels of the rooms Minou is in, kept current from sync (state and timeline) and fetched
 * on first need after a restart; members' display names as sync last showed them, in memory only
 * (Minou has no need to store them; a name not seen since start-up is unknown, and the Matrix ID
 * stands in for it).
 */
export class RoomStateCache implements MemberNames {
  private readonly powerLevelsByRoom = new Map<string, PowerLevels>();
  private readonly namesByRoom = new Map<string, Map<string, string>>();

  constructor(
    private readonly transport: MatrixTransport,
    private readonly retryPolicy: RetryPolicy,
  ) {}

  setPowerLevels(roomId: string, content: Record<string, unknown>): void {
    this.powerLevelsByRoom.set(roomId, parsePowerLevels(content));
  }

  /** From an m.room.member state event: the member's display name, or none once they left. */
  setMember(roomId: string, userId: string, content: Record<string, unknown>): void {
    const name = content["displayname"];
    const present = content["membership"] === "join" || content["membership"] === "invite";
    let names = this.namesByRoom.get(roomId);
    if (present && typeof name === "string" && name.trim() !== "") {
      if (names === undefined) this.namesByRoom.set(roomId, (names = new Map()));
      names.set(userId, name.trim());
    } else {
      names?.delete(userId);
    }
  }

  displayName(roomId: string, userId: string): string | undefined {
    return this.namesByRoom.get(roomId)?.get(userId);
  }

  forget(roomId: string): void {
    this.powerLevelsByRoom.delete(roomId);
    this.namesByRoom.delete(roomId);
  }

  /**
   * Whether a user is joined to a room right now, asked of the homeserver (not cached: sync may
   * lag, and after a restart Minou has not seen the room's members).
   */
  async isJoined(roomId: string, userId: string): Promise<boolean> {
    const content = await withRetry(() => this.transport.getStateEvent(roomId, "m.room.member", userId), this.retryPolicy);
    return content?.["membership"] === "join";
  }

  /** An event as the homeserver has it now (redacted, maybe), asked when needed: the command an edit corrects. */
  async event(roomId: string, eventId: string): Promise<MatrixEvent | undefined> {
    return withRetry(() => this.transport.event(roomId, eventId), this.retryPolicy);
  }

  async powerLevels(roomId: string): Promise<PowerLevels> {
    const cached = this.powerLevelsByRoom.get(roomId);
    if (cached !== undefined) return cached;
    const content = await withRetry(
      () => this.transport.getStateEvent(roomId, "m.room.power_levels", ""),
      this.retryPolicy,
    );
    const levels = parsePowerLevels(content);
    // A sync that arrived meanwhile knows better than this older read.
    if (!this.powerLevelsByRoom.has(roomId)) this.powerLevelsByRoom.set(roomId, levels);
    return this.powerLevelsByRoom.get(roomId) ?? levels;
  }
}
