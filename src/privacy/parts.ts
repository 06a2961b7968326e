import { personalDataParts as partsOf } from "../compose-features.ts";
import { allFeatures } from "../features.ts";
import type { PersonalDataPart } from "./personal-data.ts";

/**
 * Every feature's share of a member's data, in the order the export and `!vie-privée` show them:
 * each feature declares its part in its descriptor (src/<feature>/feature.ts), Minou's own comes last.
 */
export const personalDataParts: readonly PersonalDataPart[] = partsOf(allFeatures);
