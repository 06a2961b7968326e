import { t } from "../../src/i18n/catalog.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { withdraw } from "../../src/trainings/seats.ts";
import { trainingCommand } from "../../src/trainings/texts.ts";
import { isSession, messaging, sessionArg, sessionByNumber } from "./session-lookup.ts";

export const annulerInscription = defineCommand({
  texts: "trainings.annulerInscription",
  group: "trainings",
  args: [sessionArg],
  permission: "member",
  execute(context, { session: number }) {
    const session = sessionByNumber(context, number);
    if (!isSession(session)) return session;
    const { stores, now, language, sender, prefix } = context;
    const result = withdraw(stores, session, sender.userId, now, messaging(context));
    if (result.kind === "notRegistered") {
      return refuse(t(language, "trainings.annulerInscription.notRegistered", { number, mine: trainingCommand(language, prefix, "mesFormations") }));
    }
    // Leaving the waiting list frees no place: no thanks for one.
    return reply(t(language, result.was === "waiting" ? "trainings.annulerInscription.leftWaitingList" : "trainings.annulerInscription.withdrawn", { title: session.title }));
  },
});
