import type { CommandGroup, PermissionLevel } from "../dispatch/command.ts";
import { code, type Markdown } from "../render/markdown.ts";
import { plainText, t } from "./catalog.ts";
import { commandLine } from "./command-line.ts";
import type { Language } from "./language.ts";

/** Texts of the runtime itself (dispatcher, notices), from locales/<language>/runtime.json. */
export interface RuntimeMessages {
  /** Who holds a level, as a noun phrase ("les modérateurs du salon…"). */
  permissionName(level: PermissionLevel): string;
  groupName(group: CommandGroup): string;
  notAllowed(command: string, required: PermissionLevel): Markdown;
  unknownCommand(typed: string, suggestion: string | undefined, prefix: string): Markdown;
  missingArgument(label: string, usage: string): Markdown;
  notInteger(label: string, given: string, usage: string): Markdown;
  outOfRange(label: string, given: string, usage: string): Markdown;
  notAChoice(label: string, given: string, choices: readonly string[], usage: string): Markdown;
  tooManyArguments(given: string, usage: string, suggestion: string | undefined): Markdown;
  duplicateOption(key: string, usage: string): Markdown;
  internalError(reference: string): Markdown;
  floodWarning(muteSeconds: number): Markdown;
  /** Said once when a member edits a command Minou already carried out. */
  editNotRerun(prefix: string): Markdown;
  /** Said once in a room when the homeserver refused a message Minou had for it. */
  undelivered(wasReply: boolean): Markdown;
}

export function messagesFor(language: Language): RuntimeMessages {
  return {
    permissionName: (level) => plainText(language, `runtime.permission.${level}`),
    groupName: (group) => plainText(language, `runtime.group.${group}`),
    notAllowed: (command, level) => t(language, "runtime.notAllowed", { command, level }),
    unknownCommand: (typed, suggestion, prefix) =>
      suggestion === undefined
        ? t(language, "runtime.unknownCommand", { command: prefix + typed, help: commandLine(language, "general.aide", prefix) })
        : t(language, "runtime.unknownCommandSuggestion", { command: prefix + typed, suggestion: prefix + suggestion }),
    missingArgument: (label, usage) => t(language, "runtime.missingArgument", { label, usage: code(usage) }),
    notInteger: (label, given, usage) => t(language, "runtime.notInteger", { label, given, usage: code(usage) }),
    outOfRange: (label, given, usage) => t(language, "runtime.outOfRange", { label, given, usage: code(usage) }),
    notAChoice: (label, given, choices, usage) => t(language, "runtime.notAChoice", { label, given, choices: choices.join(", "), usage: code(usage) }),
    tooManyArguments: (given, usage, suggestion) =>
      suggestion === undefined
        ? t(language, "runtime.tooManyArguments", { given, usage: code(usage) })
        : t(language, "runtime.tooManyArgumentsSuggestion", { given, suggestion, usage: code(usage) }),
    duplicateOption: (key, usage) => t(language, "runtime.duplicateOption", { key, usage: code(usage) }),
    internalError: (reference) => t(language, "runtime.internalError", { reference }),
    floodWarning: (seconds) => t(language, "runtime.floodWarning", { seconds }),
    editNotRerun: (prefix) => t(language, "runtime.editNotRerun", { help: commandLine(language, "general.aide", prefix) }),
    undelivered: (wasReply) => t(language, wasReply ? "runtime.undeliveredReply" : "runtime.undelivered"),
  };
}
