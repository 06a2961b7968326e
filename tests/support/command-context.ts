import { allCommands } from "../../commands/index.ts";
import type { CommandContext, CommandSettings, PermissionLevel } from "../../src/dispatch/command.ts";
import { CommandRegistry } from "../../src/dispatch/registry.ts";
import type { Language } from "../../src/i18n/language.ts";
import { personalDataParts } from "../../src/privacy/parts.ts";
import type { Stores } from "../../storage/index.ts";
import { memoryStores } from "./memory-stores.ts";

export const FIXED_NOW = Date.UTC(2026, 10, 26, 9, 0, 0);

export const TEST_SETTINGS: CommandSettings = {
  defaultLanguage: "fr",
  publicBaseUrl: "https://minou.tilleuls.fr",
  agenda: { defaultDurationMinutes: 60, defaultReminderMinutes: [1440, 60] },
  services: [
    { name: "Pads", url: "https://pad.tilleuls.fr", description: "écrire à plusieurs, en direct" },
    { name: "Cloud", url: "https://cloud.tilleuls.fr", description: "dossiers et fichiers partagés de l'association" },
  ],
  retention: { handledEventsDays: 30, pastEventsDays: 365, closedPollsDays: 90, finishedTrainingsDays: 365 },
  personalData: personalDataParts,
};

/** A command context as the dispatcher builds it, over in-memory stores and a fixed clock. */
export function commandContext(
  options: { language?: Language; level?: PermissionLevel; stores?: Stores; now?: number; replyTo?: string; userId?: string } = {},
): CommandContext {
  const stores = options.stores ?? memoryStores();
  stores.rooms.recordJoin("!asso:minou.test", FIXED_NOW - 1000);
  const level = options.level ?? "member";
  return {
    now: options.now ?? FIXED_NOW,
    language: options.language ?? "fr",
    room: { roomId: "!asso:minou.test", name: "Les Jardins partagés", language: options.language ?? "fr", timeZone: "Europe/Paris" },
    sender: { userId: options.userId ?? "@camille:minou.test", level, powerLevel: level === "moderator" ? 50 : 0 },
    stores,
    commands: new CommandRegistry(allCommands),
    prefix: "!",
    about: {
      version: "1.2.3",
      startedAt: FIXED_NOW - (2 * 86_400_000 + 3 * 3_600_000 + 5 * 60_000),
      centreName: "Centre social Les Tilleuls",
      contact: "numerique@tilleuls.fr",
      sourceCodeUrl: "https://forge.tilleuls.fr/minou",
    },
    settings: TEST_SETTINGS,
    replyTo: options.replyTo,
    minouMay: { redact: true, pin: true, pinLevel: 50 },
    senderJoined: () => true,
  };
}
