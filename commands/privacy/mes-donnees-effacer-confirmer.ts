import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { eraseMemberData } from "../../src/privacy/member-data.ts";
import { joinMarkdown, md } from "../../src/render/markdown.ts";
import { effectList, memberScope } from "./member-scope.ts";

export const mesDonneesEffacerConfirmer = defineCommand({
  names: { fr: ["mes-données effacer confirmer"], en: ["my-data erase confirm"] },
  group: "general",
  summary: { fr: "effacer vos données pour de bon", en: "erase your data for good" },
  args: [],
  permission: "member",
  execute(context) {
    const fr = context.language === "fr";
    // One transaction (the dispatcher's), one answer: everything is erased, or nothing.
    const effects = eraseMemberData(memberScope(context), context.settings.personalData);
    if (effects.length === 0) {
      return reply(fr ? md`C'est fait : je ne gardais rien sur vous, et n'y compterai plus vos anciens votes aux sondages Element.` : md`Done: I kept nothing about you, and will not count your old Element poll votes.`);
    }
    return reply(
      joinMarkdown(
        [fr ? md`C'est fait, vos données sont effacées :` : md`Done, your data is erased:`, effectList(effects, context), fr ? md`Merci de votre confiance.` : md`Thank you for your trust.`],
        "\n\n",
      ),
    );
  },
});
