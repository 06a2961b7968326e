import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { allowedIn, findGroup, helpDetail, helpGroup, helpOverview } from "../../src/dispatch/help.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { md } from "../../src/render/markdown.ts";

export const aide = defineCommand({
  names: { fr: ["aide"], en: ["help"] },
  group: "general",
  summary: { fr: "ce que Minou sait faire", en: "what Minou can do" },
  details: {
    fr: "`!aide` : toutes les commandes par thème. `!aide agenda` : les commandes d'un thème, avec ce qu'elles font. `!aide agenda ajouter` : le détail d'une commande.",
    en: "`!help`: every command by topic. `!help agenda`: a topic's commands with what they do. `!help calendar add`: a command's details.",
  },
  args: [{ name: "command", kind: "text", label: { fr: "thème ou commande", en: "topic or command" }, optional: true }],
  permission: "member",
  readOnly: true,
  execute(context, { command }) {
    const { commands, sender, language, prefix } = context;
    if (command === undefined) return reply(helpOverview(commands, sender.level, language, prefix));
    // A topic first: "!aide agenda" lists the agenda's commands (the !agenda command included).
    const group = findGroup(command, language);
    if (group !== undefined && allowedIn(commands, group, sender.level).length > 0) return reply(helpGroup(commands, group, sender.level, language, prefix));
    const found = commands.find(command);
    if (found !== undefined) return reply(helpDetail(found, sender.level, language, prefix));
    const suggestion = commands.suggest(command.split(/\s+/u), language);
    const hint = suggestion === undefined ? "" : ` ${language === "fr" ? "Vouliez-vous dire" : "Did you mean"} ${prefix}${suggestion} ?`;
    return refuse(
      language === "fr"
        ? md`Je ne connais pas de commande « ${excerpt(command)} ».${hint} Tapez ${prefix}aide pour la liste.`
        : md`I know no command "${excerpt(command)}".${hint} Type ${prefix}help for the list.`,
    );
  },
});
