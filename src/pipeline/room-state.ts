import type { MatrixEvent } from "../../storage/inbound-events-store.ts";
import { parsePowerLevels, type PowerLevels } from "../matrix/power-levels.ts";
import { withRetry, type RetryPolicy } from "../matrix/retry.ts";
import type { MatrixTransport } from "../matrix/transport.ts";
import type { MemberNames } from "../matrix/display-names.ts";

export type { MemberNames } from "../matrix/display-names.ts";

/**
 * Power levels of the rooms Minou is in, kept current from sync (state and timeline) and fetched
 * on first need after a restart; members' names as the stored member events give them
 * (`RoomMemberNames`).
 */
export class RoomStateCache implements MemberNames {
  private readonly powerLevelsByRoom = new Map<string, PowerLevels>();

  constructor(
    private readonly transport: MatrixTransport,
    private readonly retryPolicy: RetryPolicy,
    private readonly names: MemberNames,
  ) {}

  setPowerLevels(roomId: string, content: Record<string, unknown>): void {
    this.powerLevelsByRoom.set(roomId, parsePowerLevels(content));
  }

  displayName(roomId: string, userId: string): string | undefined {
    return this.names.displayName(roomId, userId);
  }

  forget(roomId: string): void {
    this.powerLevelsByRoom.delete(roomId);
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
