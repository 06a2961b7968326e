import { createOnboardingStores } from "../../storage/onboarding/index.ts";
import { storeSet } from "../../storage/index.ts";
import { bienvenueApercu, bienvenueDefinir, bienvenueGuide, bienvenueOff, bienvenueOn } from "../../commands/onboarding/bienvenue.ts";
import { faqAjouter, faqAjouterCentre } from "../../commands/onboarding/faq-ajouter.ts";
import { faqRetirer } from "../../commands/onboarding/faq-retirer.ts";
import { faq } from "../../commands/onboarding/faq.ts";
import { premiersPas } from "../../commands/onboarding/premiers-pas.ts";
import { onboardingConfigSchema } from "./config-schema.ts";
import { defineFeature } from "../feature.ts";
import { MemberJoins } from "./member-joins.ts";
import { onboardingPersonalData } from "./personal-data.ts";
import { WelcomeJob } from "./welcome-job.ts";

/** Welcoming members who join a room, the starter guide, and the rooms' and the centre's FAQ. */
export const onboardingFeature = defineFeature({
  name: "onboarding",
  config: (config) => ({
    botUserId: config.userId,
    defaultLanguage: config.defaultLanguage,
    prefix: config.commandPrefix,
    services: config.services,
    welcomeDelayMs: config.onboarding.welcomeDelaySeconds * 1000,
  }),
  configSection: { key: "onboarding", schema: onboardingConfigSchema },
  stores: storeSet("onboarding", createOnboardingStores),
  commands: [premiersPas, faq, faqAjouter, faqRetirer, bienvenueApercu, bienvenueDefinir, bienvenueOn, bienvenueOff, bienvenueGuide, faqAjouterCentre],
  privacy: { part: onboardingPersonalData, keptBecause: "the guide's date is what keeps it from being sent twice; FAQ entries stay as long as their room keeps them" },
  parts: ({ stores, now, log, config, roomState, wakeSender }) => {
    const { welcomeDelayMs, ...settings } = config;
    const welcomes = new WelcomeJob(stores, settings, roomState, welcomeDelayMs, now, wakeSender, log.child("onboarding"));
    return {
      inbound: [new MemberJoins(stores, settings, () => welcomes.schedule())],
      jobs: [welcomes],
      stop: () => welcomes.stop(),
    };
  },
});

declare module "../dispatch/command.ts" {
  interface HelpGroups {
    readonly onboarding: true;
  }
}
