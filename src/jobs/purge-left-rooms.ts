import type { Stores } from "../../storage/index.ts";
import type { Logger } from "../log.ts";
import type { ScheduledJob } from "../scheduler.ts";
import { JobItems } from "./job-items.ts";

const DAY = 86_400_000;

/**
 * Rooms Minou left long enough ago are forgotten with everything kept for them (foreign keys
 * cascade): until then, a re-invited Minou finds its agenda and documents again.
 */
export function purgeLeftRoomsJob(stores: Stores, keepDays: number, log: Logger): ScheduledJob {
  const items = new JobItems("purge-left-rooms", stores, log);
  return {
    name: "purge-left-rooms",
    run(now) {
      for (const roomId of stores.rooms.leftBefore(now - keepDays * DAY)) {
        items.attempt(`room ${roomId}`, { roomId }, () => stores.rooms.purge(roomId));
      }
    },
  };
}
