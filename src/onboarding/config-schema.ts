import { z } from "zod";

/** Config key `onboarding`: how long a welcome waits for others joining with the newcomer. */
export const onboardingConfigSchema = z
  .strictObject({
    welcomeDelaySeconds: z.number().int().min(0).max(3600).default(60),
  })
  .prefault({});

declare module "../config/schema.ts" {
  interface FeatureConfigSections {
    readonly onboarding: z.output<typeof onboardingConfigSchema>;
  }
}
