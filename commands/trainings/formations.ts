import { t } from "../../src/i18n/catalog.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { sessionLine, trainingCommand } from "../../src/trainings/texts.ts";
import { joinMarkdown } from "../../src/render/markdown.ts";

export const formations = defineCommand({
  texts: "trainings.formations",
  group: "trainings",
  args: [],
  permission: "member",
  readOnly: true,
  execute({ stores, now, language, prefix }) {
    const { trainings } = stores.trainings;
    const sessions = trainings.upcoming(now);
    if (sessions.length === 0) return reply(t(language, "trainings.formations.none"));
    const lines = sessions.map((session) => t(language, "trainings.formations.item", { line: sessionLine(session, trainings.counts(session), language) }));
    const footer = t(language, "trainings.formations.footer", { signup: trainingCommand(language, prefix, "inscrire"), mine: trainingCommand(language, prefix, "mesFormations") });
    return reply(joinMarkdown([t(language, "trainings.formations.title"), joinMarkdown(lines, "\n"), footer], "\n\n"));
  },
});
