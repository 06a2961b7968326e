import { z } from "zod";

/** Config key `announcements`: how fast a broadcast leaves. */
export const announcementsConfigSchema = z
  .strictObject({
    // Synapse's default per-user message rate is a few per second; pacing under it avoids 429s.
    messagesPerSecond: z.number().positive().max(100).default(2),
  })
  .prefault({});

declare module "../config/schema.ts" {
  interface FeatureConfigSections {
    readonly announcements: z.output<typeof announcementsConfigSchema>;
  }
}
