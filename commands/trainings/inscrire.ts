import { t } from "../../src/i18n/catalog.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { signUp } from "../../src/trainings/seats.ts";
import { remindedBeforehand, sessionWhen, trainingCommand } from "../../src/trainings/texts.ts";
import { isSession, sessionArg, sessionByNumber } from "./session-lookup.ts";

export const inscrire = defineCommand({
  texts: "trainings.inscrire",
  group: "trainings",
  args: [sessionArg],
  permission: "member",
  execute(context, { session: number }) {
    const session = sessionByNumber(context, number);
    if (!isSession(session)) return session;
    const { stores, now, language, sender, prefix } = context;
    const result = signUp(stores, session, sender.userId, now);
    switch (result.kind) {
      case "registered":
        return reply(t(language, "trainings.inscrire.registered", { title: session.title, when: sessionWhen(session, language), reminder: remindedBeforehand(session, now) }));
      case "waiting":
        return reply(t(language, "trainings.inscrire.waiting", { title: session.title, position: result.position }));
      case "already":
        if (result.registration.status === "waiting") return refuse(t(language, "trainings.inscrire.alreadyWaiting", { position: result.position }));
        if (result.registration.status === "offered") return refuse(t(language, "trainings.inscrire.alreadyOffered", { confirm: trainingCommand(language, prefix, "confirmer", session.id) }));
        return refuse(t(language, "trainings.inscrire.alreadyRegistered", { mine: trainingCommand(language, prefix, "mesFormations") }));
      case "unavailable":
        return refuse(t(language, result.reason === "cancelled" ? "trainings.inscrire.cancelled" : "trainings.inscrire.started", { list: trainingCommand(language, prefix, "formations") }));
    }
  },
});
