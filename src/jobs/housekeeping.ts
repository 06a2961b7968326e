import type { Stores } from "../../storage/index.ts";
import type { MinouConfig } from "../config/load.ts";
import type { Logger } from "../log.ts";
import type { PersonalDataPart } from "../privacy/personal-data.ts";
import { retentionPurgeJob } from "../privacy/retention-job.ts";
import type { ScheduledJob } from "../scheduler.ts";
import { purgeHandledEventsJob } from "./purge-handled-events.ts";
import { purgeLeftRoomsJob } from "./purge-left-rooms.ts";

/** The pipeline's own purges: handled events, what outlived its retention (each part's), rooms left long ago. */
export function housekeepingJobs(stores: Stores, retention: MinouConfig["retention"], parts: readonly PersonalDataPart[], log: Logger): ScheduledJob[] {
  return [
    purgeHandledEventsJob(stores, retention.handledEventsDays),
    retentionPurgeJob(stores, parts, retention, log.child("privacy")),
    purgeLeftRoomsJob(stores, retention.leftRoomsDays, log.child("rooms")),
  ];
}
