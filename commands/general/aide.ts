import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { helpDetail, helpOverview } from "../../src/dispatch/help.ts";
import { md } from "../../src/render/markdown.ts";

export const aide = defineCommand({
  names: { fr: ["aide"], en: ["help"] },
  group: "general",
  summary: { fr: "ce que Minou sait faire", en: "what Minou can do" },
  args: [{ name: "command", kind: "text", label: { fr: "commande", en: "command" }, optional: true }],
  permission: "member",
  execute(context, { command }) {
    const { commands, sender, language, prefix } = context;
    if (command === undefined) return reply(helpOverview(commands, sender.level, language, prefix));
    const found = commands.find(command);
    if (found !== undefined) return reply(helpDetail(found, sender.level, language, prefix));
    const suggestion = commands.suggest(command.split(/\s+/u), language);
    const hint = suggestion === undefined ? "" : ` ${language === "fr" ? "Vouliez-vous dire" : "Did you mean"} ${prefix}${suggestion} ?`;
    return refuse(
      language === "fr"
        ? md`Je ne connais pas de commande « ${command} ».${hint} Tapez ${prefix}aide pour la liste.`
        : md`I know no command "${command}".${hint} Type ${prefix}help for the list.`,
    );
  },
});
