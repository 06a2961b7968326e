import { t } from "../../src/i18n/catalog.ts";
import { commandLine } from "../../src/i18n/command-line.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { allowedIn, findGroup, helpDetail, helpGroup, helpOverview } from "../../src/dispatch/help.ts";
import { excerpt } from "../../src/render/cut-text.ts";

export const aide = defineCommand({
  texts: "general.aide",
  group: "general",
  args: [{ name: "command", kind: "text", optional: true }],
  permission: "member",
  readOnly: true,
  execute(context, { command }) {
    const { commands, sender, language, prefix } = context;
    if (command === undefined) return reply(helpOverview(commands, sender.level, language, prefix));
    // A topic first: "!aide agenda" lists the agenda's commands (the !agenda command included).
    const group = findGroup(command, commands);
    if (group !== undefined && allowedIn(commands, group, sender.level).length > 0) return reply(helpGroup(commands, group, sender.level, language, prefix));
    const found = commands.find(command);
    if (found !== undefined) return reply(helpDetail(found, sender.level, language, prefix));
    const suggestion = commands.suggest(command.split(/\s+/u), language);
    const typed = excerpt(command);
    const help = commandLine(language, "general.aide", prefix);
    return refuse(
      suggestion === undefined
        ? t(language, "general.aide.unknown", { typed, help })
        : t(language, "general.aide.unknownSuggestion", { typed, help, suggestion: prefix + suggestion }),
    );
  },
});
