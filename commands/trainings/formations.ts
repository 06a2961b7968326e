import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { sessionLine } from "../../src/trainings/texts.ts";
import { joinMarkdown, md } from "../../src/render/markdown.ts";

export const formations = defineCommand({
  names: { fr: ["formations"], en: ["trainings"] },
  group: "trainings",
  summary: { fr: "les prochaines formations du centre, places restantes et attente", en: "the centre's upcoming trainings, places left and waiting lists" },
  args: [],
  permission: "member",
  readOnly: true,
  execute({ stores, now, language, prefix }) {
    const { trainings } = stores.trainings;
    const sessions = trainings.upcoming(now);
    if (sessions.length === 0) {
      return reply(language === "fr" ? md`Aucune formation n'est prévue pour l'instant.` : md`No training is planned yet.`);
    }
    const lines = sessions.map((session) => md`- ${sessionLine(session, trainings.counts(session), language)}`);
    const footer = language === "fr" ? md`Pour vous inscrire : ${prefix}formation inscrire <n°> · Vos inscriptions : ${prefix}mes-formations` : md`To sign up: ${prefix}training signup <#> · Your sign-ups: ${prefix}my-trainings`;
    return reply(joinMarkdown([language === "fr" ? md`**Formations du centre**` : md`**The centre's trainings**`, joinMarkdown(lines, "\n"), footer], "\n\n"));
  },
});
