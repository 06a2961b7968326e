import { plainText, t } from "../i18n/catalog.ts";
import { commandLine } from "../i18n/command-line.ts";
import { languageCodes, type Language } from "../i18n/language.ts";
import { messagesFor } from "../i18n/runtime-messages.ts";
import { code, joinMarkdown, trusted, type Markdown } from "../render/markdown.ts";
import { allows, type ArgSpec, type Command, type CommandGroup, type OptionSpec, type PermissionLevel } from "./command.ts";
import { fold } from "./fold.ts";
import { CommandRegistry } from "./registry.ts";

/** The groups of the registry's commands, in the order their features are listed. */
function groupsOf(registry: CommandRegistry): CommandGroup[] {
  return [...new Set(registry.commands.map((command) => command.group))];
}

function argShown(command: Command, arg: ArgSpec | OptionSpec, language: Language): string {
  return arg.kind === "choice" ? arg.choices.join("|") : command.texts.label(arg.name, language);
}

/** `!langue <fr|en>`: the usage line, in the room's language, generated from the descriptor. */
export function usageOf(command: Command, language: Language, prefix: string): string {
  return [
    prefix + CommandRegistry.nameIn(command, language),
    ...command.args.map((arg) => (arg.optional === true ? `[${argShown(command, arg, language)}]` : `<${argShown(command, arg, language)}>`)),
    ...command.options.map((option) => `[${option.keys[0] ?? option.name}:${argShown(command, option, language)}]`),
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
  for (const group of groupsOf(registry)) {
    const commands = allowedIn(registry, group, level);
    if (commands.length === 0) continue;
    const names = joinMarkdown(commands.map((command) => code(prefix + CommandRegistry.nameIn(command, language))), ", ");
    lines.push(t(language, "runtime.help.groupLine", { group: messages.groupName(group), commands: names }));
  }
  const outro = t(language, "runtime.help.outro", {
    topicExample: code(prefix + plainText(language, "runtime.help.topicExample")),
    commandExample: code(prefix + plainText(language, "runtime.help.commandExample")),
  });
  return joinMarkdown([t(language, "runtime.help.intro"), joinMarkdown(lines, "\n"), outro], "\n\n");
}

/** The feature a word names ("agenda", "Sondages", "polls") in any language, for `!aide <thème>`. */
export function findGroup(word: string, registry: CommandRegistry): CommandGroup | undefined {
  const wanted = fold(word.trim());
  return groupsOf(registry).find((group) => [group, ...languageCodes().map((code) => messagesFor(code).groupName(group))].some((name) => fold(name) === wanted));
}

/** `!aide <thème>`: the feature's commands the asker may use, each with what it does. */
export function helpGroup(registry: CommandRegistry, group: CommandGroup, level: PermissionLevel, language: Language, prefix: string): Markdown {
  const commands = allowedIn(registry, group, level);
  const lines = commands.map((command) =>
    t(language, "runtime.help.commandLine", { command: code(prefix + CommandRegistry.nameIn(command, language)), summary: command.texts.summary(language) }),
  );
  const example = commandLine(language, "general.aide", prefix, `<${plainText(language, "runtime.help.commandPlaceholder")}>`);
  const detail = t(language, "runtime.help.groupDetail", { example });
  return joinMarkdown([trusted(`**${messagesFor(language).groupName(group)}**`), joinMarkdown(lines, "\n"), detail], "\n\n");
}

/** `!aide <commande>`: usage, aliases, who may use it, and the command's own explanation. */
export function helpDetail(command: Command, level: PermissionLevel, language: Language, prefix: string): Markdown {
  const messages = messagesFor(language);
  const shownName = CommandRegistry.nameIn(command, language);
  const name = prefix + shownName;
  if (!allows(level, command.permission)) return messages.notAllowed(name, command.permission);
  const aliases = command.texts
    .everyName()
    .filter((alias) => alias !== shownName)
    .map((alias) => code(prefix + alias));
  const args = [...command.args, ...command.options].map((arg) =>
    t(language, arg.optional === true || "keys" in arg ? "runtime.help.optionalArgument" : "runtime.help.argument", { argument: code(argShown(command, arg, language)) }),
  );
  const lines: Markdown[] = [t(language, "runtime.help.title", { command: name, summary: command.texts.summary(language) }), code(usageOf(command, language, prefix))];
  const details = command.texts.details(language);
  if (details !== undefined) lines.push(trusted(details));
  if (args.length > 0) lines.push(joinMarkdown(args, "\n"));
  if (aliases.length > 0) lines.push(t(language, "runtime.help.otherNames", { names: joinMarkdown(aliases, ", ") }));
  lines.push(t(language, "runtime.help.whoMayUse", { who: command.texts.permissionDetail(language) ?? messages.permissionName(command.permission) }));
  return joinMarkdown(lines, "\n\n");
}

/** The command reference of README.md, generated so that it cannot drift from the code. */
export function commandReference(registry: CommandRegistry, prefix: string): string {
  const rows = registry.commands.map((command) => {
    const english = command.texts.names("en").map((name) => `\`${prefix}${name}\``).join(", ");
    const usage = usageOf(command, "fr", prefix).replace(/\|/g, "\\|");
    const detailFr = command.texts.permissionDetail("fr");
    const permission = detailFr === undefined ? command.permission : `${detailFr} / ${command.texts.permissionDetail("en") ?? detailFr}`;
    return `| \`${usage}\` | ${english} | ${command.texts.summary("fr")} / ${command.texts.summary("en")} | ${permission} |`;
  });
  return [
    "| Commande | English | Rôle / Purpose | Permission |",
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
