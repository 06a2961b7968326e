import type { Stores } from "../../storage/index.ts";
import type { Logger } from "../log.ts";
import { withRetry, type RetryPolicy } from "../matrix/retry.ts";
import type { MatrixTransport } from "../matrix/transport.ts";
import type { ScheduledJob } from "../scheduler.ts";

/** Rooms counted per tick: after a first start in a thousand rooms, the counts come in over minutes, not in one burst. */
const ROOMS_PER_TICK = 20;

/**
 * Keeps each room's member count (shown by `!assos`) from the homeserver's joined members, for
 * the rooms whose membership changed since their last count.
 */
export function memberCountsJob(stores: Stores, transport: MatrixTransport, retryPolicy: RetryPolicy, log: Logger): ScheduledJob {
  return {
    name: "member-counts",
    async run() {
      for (const roomId of stores.rooms.uncounted(ROOMS_PER_TICK)) {
        try {
          stores.rooms.setMemberCount(roomId, await withRetry(() => transport.joinedMemberCount(roomId), { ...retryPolicy, maxAttempts: 2 }));
        } catch (error) {
          // Left meanwhile, or the homeserver is away: the next tick tries again.
          log.debug("member count not taken", { roomId, error });
        }
      }
    },
  };
}
