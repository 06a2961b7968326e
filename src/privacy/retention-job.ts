import type { Stores } from "../../storage/index.ts";
import type { RetentionSettings } from "../dispatch/command.ts";
import { JobItems } from "../jobs/job-items.ts";
import type { Logger } from "../log.ts";
import type { ScheduledJob } from "../scheduler.ts";
import { DAY_MS, type PersonalDataPart } from "./personal-data.ts";

const LAST_PURGE = "retention.lastPurgeAt";

/**
 * Once a day, deletes what outlived its retention period (past events, closed polls, finished
 * trainings, old erasure records), each feature through its part. Deleting is idempotent, so a
 * run repeated after a crash does no harm; the day mark only keeps the 30-second tick cheap.
 */
export function retentionPurgeJob(stores: Stores, parts: readonly PersonalDataPart[], retention: RetentionSettings, log: Logger): ScheduledJob {
  const items = new JobItems("retention-purge", stores, log);
  return {
    name: "retention-purge",
    run(now) {
      const last = Number(stores.botState.read(LAST_PURGE) ?? Number.NEGATIVE_INFINITY);
      if (now - last < DAY_MS && now >= last) return;
      stores.transaction(() => {
        // A part that fails does not keep the others from purging; it is tried again the next day.
        for (const part of parts) items.attempt(`part ${part.key}`, { part: part.key }, () => part.purge?.(stores, now, retention));
        stores.botState.write(LAST_PURGE, String(now));
      });
    },
  };
}
