import { allows, refuse, type CommandContext, type CommandResult } from "../../src/dispatch/command.ts";
import type { TrainingSession } from "../../src/trainings/model.ts";
import type { Messaging } from "../../src/trainings/seats.ts";
import { t } from "../../src/i18n/catalog.ts";
import { trainingCommand } from "../../src/trainings/texts.ts";

/** The session with that (centre-wide) number, or the refusal to answer with. */
export function sessionByNumber(context: CommandContext, number: number): TrainingSession | CommandResult {
  const session = context.stores.trainings.trainings.session(number);
  if (session !== undefined) return session;
  return refuse(t(context.language, "trainings.session.notFound", { number, list: trainingCommand(context.language, context.prefix, "formations") }));
}

export function isSession(value: TrainingSession | CommandResult): value is TrainingSession {
  return "capacity" in value;
}

/** Direct messages go out in the centre's language: Minou does not know each member's. */
export function messaging(context: CommandContext): Messaging {
  return { language: context.settings.defaultLanguage, prefix: context.prefix };
}

export function isStaff(context: CommandContext): boolean {
  return allows(context.sender.level, "staff");
}

export const sessionArg = { name: "session", kind: "integer", min: 1 } as const;
