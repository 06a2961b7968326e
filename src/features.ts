import { agendaFeature } from "./agenda/feature.ts";
import { documentsFeature } from "./documents/feature.ts";
import { createStores, type Stores } from "../storage/index.ts";
import type { Db } from "../storage/database.ts";
import type { Feature } from "./feature.ts";
import { generalFeature } from "./general/feature.ts";
import { onboardingFeature } from "./onboarding/feature.ts";
import { pollsFeature } from "./polls/feature.ts";
import { privacyFeature } from "./privacy/feature.ts";
import { registryFeature } from "./registry/feature.ts";
import { staffAnnouncementsFeature } from "./staff-announcements/feature.ts";
import { trainingsFeature } from "./trainings/feature.ts";

/**
 * Every feature Minou runs. The order is the help's within each group, the export's and
 * `!vie-privée`'s, and the order of the scheduler's jobs.
 */
export const allFeatures: readonly Feature[] = [
  generalFeature,
  privacyFeature,
  registryFeature,
  agendaFeature,
  pollsFeature,
  trainingsFeature,
  documentsFeature,
  onboardingFeature,
  staffAnnouncementsFeature,
];

/** The core stores and every feature's, over `db` (all of them, even when Minou runs only some features). */
export function openStores(db: Db, features: readonly Feature[] = allFeatures): Stores {
  return createStores(db, features.flatMap((feature) => (feature.stores === undefined ? [] : [feature.stores])));
}
