import type { Language } from "../i18n/language.ts";
import { messagesFor } from "../i18n/runtime-messages.ts";
import { code, joinMarkdown, md, trusted, type Markdown } from "../render/markdown.ts";
import { allows, type ArgSpec, type Command, type CommandGroup, type OptionSpec, type PermissionLevel } from "./command.ts";
import { CommandRegistry } from "./registry.ts";

const groupOrder: readonly CommandGroup[] = ["general", "agenda", "polls", "documents", "trainings", "onboarding", "staff"];

function argUsage(arg: ArgSpec, language: Language): string {
  const inner = arg.kind === "choice" ? arg.choices.join("|") : arg.label[language];
  return arg.optional === true ? `[${inner}]` : `<${inner}>`;
}

function optionUsage(option: OptionSpec, language: Language): string {
  const value = option.kind === "choice" ? option.choices.join("|") : option.label[language];
  return `[${option.keys[0] ?? option.name}:${value}]`;
}

/** `!langue <fr|en>`: the usage line, in the room's language, generated from the descriptor. */
export function usageOf(command: Command, language: Language, prefix: string): string {
  return [
    prefix + CommandRegistry.nameIn(command, language),
    ...command.args.map((arg) => argUsage(arg, language)),
    ...command.options.map((option) => optionUsage(option, language)),
  ].join(" ");
}

/** `!aide`: every command the asker may use, grouped by feature. */
export function helpOverview(registry: CommandRegistry, level: PermissionLevel, language: Language, prefix: string): Markdown {
  const messages = messagesFor(language);
  const sections: Markdown[] = [];
  for (const group of groupOrder) {
    const commands = registry.commands.filter((command) => command.group === group && allows(level, command.permission));
    if (commands.length === 0) continue;
    const lines = commands.map(
      (command) => md`- ${code(prefix + CommandRegistry.nameIn(command, language))} — ${command.summary[language]}`,
    );
    sections.push(md`**${messages.groupNames[group]}**\n${joinMarkdown(lines, "\n")}`);
  }
  const intro =
    language === "fr"
      ? md`Voici ce que je sais faire pour vous :`
      : md`Here is what I can do for you:`;
  const outro =
    language === "fr"
      ? md`Pour le détail d'une commande : ${code(`${prefix}aide <commande>`)}, par exemple ${code(`${prefix}aide langue`)}. Vous pouvez aussi m'écrire « Minou : aide ».`
      : md`For details on a command: ${code(`${prefix}help <command>`)}, for example ${code(`${prefix}help language`)}. You can also write "Minou: help".`;
  return joinMarkdown([intro, ...sections, outro], "\n\n");
}

/** `!aide <commande>`: usage, aliases, who may use it, and the command's own explanation. */
export function helpDetail(command: Command, level: PermissionLevel, language: Language, prefix: string): Markdown {
  const messages = messagesFor(language);
  const name = prefix + CommandRegistry.nameIn(command, language);
  if (!allows(level, command.permission)) return messages.notAllowed(name, command.permission);
  const aliases = [...command.names.fr, ...command.names.en]
    .filter((alias, index, all) => all.indexOf(alias) === index && alias !== CommandRegistry.nameIn(command, language))
    .map((alias) => code(prefix + alias));
  const args = [...command.args, ...command.options].map(
    (arg) => md`- ${code(arg.kind === "choice" ? arg.choices.join("|") : arg.label[language])}${arg.optional === true || "keys" in arg ? (language === "fr" ? " (facultatif)" : " (optional)") : ""}`,
  );
  const lines: Markdown[] = [md`**${name}** — ${command.summary[language]}`, md`${code(usageOf(command, language, prefix))}`];
  if (command.details !== undefined) lines.push(trusted(command.details[language]));
  if (args.length > 0) lines.push(joinMarkdown(args, "\n"));
  if (aliases.length > 0) lines.push(md`${language === "fr" ? "Autres noms" : "Other names"} : ${joinMarkdown(aliases, ", ")}`);
  const who = language === "fr" ? "Qui peut l'utiliser" : "Who may use it";
  lines.push(md`${who} : ${messages.permissionNames[command.permission]}.`);
  return joinMarkdown(lines, "\n\n");
}

/** The command reference of README.md, generated so that it cannot drift from the code. */
export function commandReference(registry: CommandRegistry, prefix: string): string {
  const rows = registry.commands.map((command) => {
    const english = command.names.en.map((name) => `\`${prefix}${name}\``).join(", ");
    const usage = usageOf(command, "fr", prefix).replace(/\|/g, "\\|");
    return `| \`${usage}\` | ${english} | ${command.summary.fr} / ${command.summary.en} | ${command.permission} |`;
  });
  return [
    "| Commande | English | Rôle / Purpose | Permission |",
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
