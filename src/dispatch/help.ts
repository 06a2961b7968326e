import type { Language } from "../i18n/language.ts";
import { messagesFor } from "../i18n/runtime-messages.ts";
import { code, joinMarkdown, md, trusted, type Markdown } from "../render/markdown.ts";
import { allows, type ArgSpec, type Command, type CommandGroup, type OptionSpec, type PermissionLevel } from "./command.ts";
import { fold } from "./fold.ts";
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

/** The commands of a group the asker may use, in registry order. */
export function allowedIn(registry: CommandRegistry, group: CommandGroup, level: PermissionLevel): Command[] {
  return registry.commands.filter((command) => command.group === group && allows(level, command.permission));
}

/**
 * `!aide`: one line per feature with the names of the commands the asker may use. Short on
 * purpose: volunteers read it on a phone; `!aide <thème>` and `!aide <commande>` give the detail.
 */
export function helpOverview(registry: CommandRegistry, level: PermissionLevel, language: Language, prefix: string): Markdown {
  // The registry never changes while Minou runs: each overview is built once.
  const key = `${level} ${language} ${prefix}`;
  let built = overviews.get(registry);
  if (built === undefined) {
    built = new Map();
    overviews.set(registry, built);
  }
  const cached = built.get(key);
  if (cached !== undefined) return cached;
  const overview = buildOverview(registry, level, language, prefix);
  built.set(key, overview);
  return overview;
}

const overviews = new WeakMap<CommandRegistry, Map<string, Markdown>>();

function buildOverview(registry: CommandRegistry, level: PermissionLevel, language: Language, prefix: string): Markdown {
  const messages = messagesFor(language);
  const lines: Markdown[] = [];
  for (const group of groupOrder) {
    const commands = allowedIn(registry, group, level);
    if (commands.length === 0) continue;
    const names = joinMarkdown(commands.map((command) => code(prefix + CommandRegistry.nameIn(command, language))), ", ");
    lines.push(md`- **${messages.groupNames[group]}** : ${names}`);
  }
  const intro = language === "fr" ? md`Voici ce que je sais faire pour vous :` : md`Here is what I can do for you:`;
  const example = language === "fr" ? `${prefix}aide agenda` : `${prefix}help agenda`;
  const outro =
    language === "fr"
      ? md`Pour le détail d'un thème : ${code(example)} ; d'une commande : ${code(`${prefix}aide agenda ajouter`)}. Vous pouvez aussi m'écrire « Minou : aide ».`
      : md`For a topic's details: ${code(example)}; for a command: ${code(`${prefix}help calendar add`)}. You can also write "Minou: help".`;
  return joinMarkdown([intro, joinMarkdown(lines, "\n"), outro], "\n\n");
}

/** The feature a word names ("agenda", "Sondages", "polls"), for `!aide <thème>`. */
export function findGroup(word: string, language: Language): CommandGroup | undefined {
  const wanted = fold(word.trim());
  return groupOrder.find((group) => [group, messagesFor("fr").groupNames[group], messagesFor("en").groupNames[group], messagesFor(language).groupNames[group]].some((name) => fold(name) === wanted));
}

/** `!aide <thème>`: the feature's commands the asker may use, each with what it does. */
export function helpGroup(registry: CommandRegistry, group: CommandGroup, level: PermissionLevel, language: Language, prefix: string): Markdown {
  const commands = allowedIn(registry, group, level);
  const lines = commands.map((command) => md`- ${code(prefix + CommandRegistry.nameIn(command, language))} — ${command.summary[language]}`);
  const detail = language === "fr" ? md`Détail d'une commande : ${code(`${prefix}aide <commande>`)}.` : md`A command's details: ${code(`${prefix}help <command>`)}.`;
  return joinMarkdown([md`**${messagesFor(language).groupNames[group]}**`, joinMarkdown(lines, "\n"), detail], "\n\n");
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
  lines.push(md`${who} : ${command.permissionDetail?.[language] ?? messages.permissionNames[command.permission]}.`);
  return joinMarkdown(lines, "\n\n");
}

/** The command reference of README.md, generated so that it cannot drift from the code. */
export function commandReference(registry: CommandRegistry, prefix: string): string {
  const rows = registry.commands.map((command) => {
    const english = command.names.en.map((name) => `\`${prefix}${name}\``).join(", ");
    const usage = usageOf(command, "fr", prefix).replace(/\|/g, "\\|");
    const permission = command.permissionDetail === undefined ? command.permission : `${command.permissionDetail.fr} / ${command.permissionDetail.en}`;
    return `| \`${usage}\` | ${english} | ${command.summary.fr} / ${command.summary.en} | ${permission} |`;
  });
  return [
    "| Commande | English | Rôle / Purpose | Permission |",
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
