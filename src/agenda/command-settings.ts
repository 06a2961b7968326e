import type { MinouConfig } from "../config/load.ts";

declare module "../dispatch/command.ts" {
  interface FeatureCommandSettings {
    readonly agenda: AgendaCommandSettings;
  }
}

/** What the agenda's commands read from the config. */
export interface AgendaCommandSettings {
  readonly defaultDurationMinutes: number;
  readonly defaultReminderMinutes: readonly number[];
}

export function agendaCommandSettings(config: MinouConfig): { agenda: AgendaCommandSettings } {
  return { agenda: { defaultDurationMinutes: config.agenda.defaultDurationMinutes, defaultReminderMinutes: config.agenda.defaultReminderMinutes } };
}
