import { agendaPersonalData } from "../agenda/personal-data.ts";
import { documentsPersonalData } from "../documents/personal-data.ts";
import { onboardingPersonalData } from "../onboarding/personal-data.ts";
import { pollsPersonalData } from "../polls/personal-data.ts";
import { trainingsPersonalData } from "../trainings/personal-data.ts";
import { accountPersonalData } from "./account-data.ts";
import type { PersonalDataPart } from "./personal-data.ts";

/**
 * Every feature's share of a member's data, in the order the export and `!vie-privée` show them.
 * A feature that keeps something about members adds its part here (see PersonalDataPart).
 */
export const personalDataParts: readonly PersonalDataPart[] = [
  agendaPersonalData,
  pollsPersonalData,
  trainingsPersonalData,
  documentsPersonalData,
  onboardingPersonalData,
  accountPersonalData,
];
