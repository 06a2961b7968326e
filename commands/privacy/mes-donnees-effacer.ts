import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { previewErasure } from "../../src/privacy/member-data.ts";
import { code, joinMarkdown, md } from "../../src/render/markdown.ts";
import { effectList, memberScope } from "./member-scope.ts";

/** Erasure is for good: this shows what would go, and only `… confirmer` acts. */
export const mesDonneesEffacer = defineCommand({
  names: { fr: ["mes-données effacer"], en: ["my-data erase"] },
  group: "general",
  summary: { fr: "voir ce qui serait effacé de vos données, avant de confirmer", en: "see what erasing your data would remove, before confirming" },
  args: [],
  permission: "member",
  execute(context) {
    const { language, prefix } = context;
    const effects = previewErasure(memberScope(context), context.settings.personalData);
    const fr = language === "fr";
    const confirm = code(`${prefix}${fr ? "mes-données effacer confirmer" : "my-data erase confirm"}`);
    if (effects.length === 0) {
      return reply(fr ? md`Je ne garde rien sur vous : il n'y a rien à effacer.` : md`I keep nothing about you: there is nothing to erase.`);
    }
    return reply(
      joinMarkdown(
        [
          fr ? md`Voici ce que j'effacerai, sans retour possible :` : md`Here is what I will erase, for good:`,
          effectList(effects, context),
          fr
            ? md`Vos votes aux sondages Element restent des messages Matrix que je ne peux pas supprimer : je n'en garderai aucune copie et ne les compterai plus. Pour confirmer, tapez ${confirm}.`
            : md`Your votes in Element polls remain Matrix messages I cannot delete: I will keep no copy and no longer count them. To confirm, type ${confirm}.`,
        ],
        "\n\n",
      ),
    );
  },
});
