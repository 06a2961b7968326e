import { parsePowerLevels, type PowerLevels } from "../matrix/power-levels.ts";
import { withRetry, type RetryPolicy } from "../matrix/retry.ts";
import type { MatrixTransport } from "../matrix/transport.ts";

/**
 * Power levels of the rooms Minou is in, kept current from sync (state and timeline) and fetched
 * on first need after a restart.
 */
export class RoomStateCache {
  private readonly powerLevelsByRoom = new Map<string, PowerLevels>();

  constructor(
    private readonly transport: MatrixTransport,
    private readonly retryPolicy: RetryPolicy,
  ) {}

  setPowerLevels(roomId: string, content: Record<string, unknown>): void {
    this.powerLevelsByRoom.set(roomId, parsePowerLevels(content));
  }

  forget(roomId: string): void {
    this.powerLevelsByRoom.delete(roomId);
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
