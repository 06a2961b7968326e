import type { Stores } from "../../storage/index.ts";
import type { ScheduledJob } from "../scheduler.ts";

const DAY = 86_400_000;

/** Forgets handled events and sent messages once they are older than the retention period. */
export function purgeHandledEventsJob(stores: Stores, retentionDays: number): ScheduledJob {
  return {
    name: "purge-handled-events",
    run(now) {
      const before = now - retentionDays * DAY;
      stores.transaction(() => {
        stores.inbound.purgeHandledBefore(before);
        stores.outbox.purgeFinishedBefore(before);
      });
    },
  };
}
