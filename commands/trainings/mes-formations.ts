import { t } from "../../src/i18n/catalog.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { sessionWhenShort, trainingCommand } from "../../src/trainings/texts.ts";
import { joinMarkdown } from "../../src/render/markdown.ts";

export const mesFormations = defineCommand({
  texts: "trainings.mesFormations",
  group: "trainings",
  args: [],
  permission: "member",
  readOnly: true,
  execute({ stores, sender, now, language, prefix }) {
    const { registrations, trainings } = stores.trainings;
    const lines = registrations.ofUser(sender.userId).flatMap((registration) => {
      const session = trainings.session(registration.sessionId);
      if (session === undefined || session.endsAt <= now || session.cancelledAt !== null) return [];
      const common = { title: session.title, number: session.id, when: sessionWhenShort(session, language) };
      if (registration.status === "registered") return [t(language, "trainings.mesFormations.registered", common)];
      if (registration.status === "offered") return [t(language, "trainings.mesFormations.offered", { ...common, confirm: trainingCommand(language, prefix, "confirmer", session.id) })];
      if (registration.status === "waiting") return [t(language, "trainings.mesFormations.waiting", { ...common, position: registrations.waitingPosition(registration) })];
      return [];
    });
    if (lines.length === 0) return reply(t(language, "trainings.mesFormations.none", { list: trainingCommand(language, prefix, "formations") }));
    return reply(joinMarkdown([t(language, "trainings.mesFormations.title"), ...lines], "\n"));
  },
});
