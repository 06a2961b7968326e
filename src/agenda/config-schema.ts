import { z } from "zod";

/** Config key `agenda`: an event's default length and reminders. */
export const agendaConfigSchema = z
  .strictObject({
    defaultDurationMinutes: z.number().int().min(5).max(24 * 60).default(60),
    defaultReminderMinutes: z.array(z.number().int().min(1).max(60 * 24 * 30)).max(5).default([1440, 60]),
    reminderGraceMinutes: z.number().int().min(0).max(24 * 60).default(30),
  })
  .prefault({});

declare module "../config/schema.ts" {
  interface FeatureConfigSections {
    readonly agenda: z.output<typeof agendaConfigSchema>;
  }
}
