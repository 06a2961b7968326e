import { t } from "../../src/i18n/catalog.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { sessionWhen, trainingCommand } from "../../src/trainings/texts.ts";
import { isSession, sessionArg, sessionByNumber } from "./session-lookup.ts";

export const confirmer = defineCommand({
  texts: "trainings.confirmer",
  group: "trainings",
  args: [sessionArg],
  permission: "member",
  execute(context, { session: number }) {
    const session = sessionByNumber(context, number);
    if (!isSession(session)) return session;
    const { stores, now, language, sender, prefix } = context;
    const registration = stores.trainings.registrations.of(session.id, sender.userId);
    if (registration?.status !== "offered") {
      return refuse(t(language, "trainings.confirmer.nothingOffered", { number, mine: trainingCommand(language, prefix, "mesFormations") }));
    }
    stores.trainings.registrations.setStatus(registration.id, "registered", now);
    stores.trainings.trainings.touch(session.id, now);
    return reply(t(language, "trainings.confirmer.confirmed", { title: session.title, when: sessionWhen(session, language) }));
  },
});
