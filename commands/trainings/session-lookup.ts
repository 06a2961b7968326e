import { allows, refuse, type CommandContext, type CommandResult } from "../../src/dispatch/command.ts";
import type { TrainingSession } from "../../src/trainings/model.ts";
import type { Messaging } from "../../src/trainings/seats.ts";
import { md } from "../../src/render/markdown.ts";

/** The session with that (centre-wide) number, or the refusal to answer with. */
export function sessionByNumber(context: CommandContext, number: number): TrainingSession | CommandResult {
  const session = context.stores.trainings.trainings.session(number);
  if (session !== undefined) return session;
  return refuse(
    context.language === "fr"
      ? md`Il n'y a pas de session de formation n°${number}. Tapez ${context.prefix}formations pour la liste.`
      : md`There is no training session #${number}. Type ${context.prefix}trainings for the list.`,
  );
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

export const sessionArg = { name: "session", kind: "integer", min: 1, label: { fr: "n° de session", en: "session #" } } as const;
