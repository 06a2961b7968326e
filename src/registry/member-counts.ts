import type { Stores } from "../../storage/index.ts";
import type { Logger } from "../log.ts";
import { displayNameKey } from "../matrix/display-names.ts";
import { withRetry, type RetryPolicy } from "../matrix/retry.ts";
import type { MatrixTransport } from "../matrix/transport.ts";
import type { ScheduledJob } from "../scheduler.ts";

/** Rooms counted per tick: after a first start in a thousand rooms, the counts come in over minutes, not in one burst. */
const ROOMS_PER_TICK = 20;

/**
 * Keeps each room's member count (shown by `!assos`) from the homeserver's joined members, for
 * the rooms whose membership changed since their last count. Members Minou has no member event
 * of (rooms joined before it kept them: migration 13) are recorded with their name from the list.
 */
export function memberCountsJob(stores: Stores, transport: MatrixTransport, retryPolicy: RetryPolicy, log: Logger): ScheduledJob {
  return {
    name: "member-counts",
    async run() {
      for (const roomId of stores.rooms.uncounted(ROOMS_PER_TICK)) {
        try {
          const members = await withRetry(() => transport.joinedMembers(roomId), { ...retryPolicy, maxAttempts: 2 });
          stores.transaction(() => {
            stores.rooms.setMemberCount(roomId, members.size);
            for (const [userId, name] of members) stores.roomMembers.recordIfUnknown(roomId, userId, name, name === null ? null : displayNameKey(name));
          });
        } catch (error) {
          // Left meanwhile, or the homeserver is away: the next tick tries again.
          log.debug("member count not taken", { roomId, error });
        }
      }
    },
  };
}
