import type { CommandGroup, PermissionLevel } from "../dispatch/command.ts";
import { code, md, type Markdown } from "../render/markdown.ts";
import type { Language, Localized } from "./language.ts";

/** Texts of the runtime itself (dispatcher, notices); each feature keeps its own next to its code. */
export interface RuntimeMessages {
  /** Who holds a level, as a noun phrase ("les modérateurs du salon…"). */
  readonly permissionNames: Readonly<Record<PermissionLevel, string>>;
  /** The same, after "réservée" ("aux modérateurs du salon…"). */
  readonly reservedTo: Readonly<Record<PermissionLevel, string>>;
  readonly groupNames: Readonly<Record<CommandGroup, string>>;
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

const fr: RuntimeMessages = {
  permissionNames: {
    member: "tous les membres",
    moderator: "les modérateurs du salon (niveau de pouvoir 50 ou plus), l'équipe du centre et les administrateurs",
    staff: "l'équipe du centre et les administrateurs",
    admin: "les administrateurs de Minou",
  },
  reservedTo: {
    member: "à tous les membres",
    moderator: "aux modérateurs du salon (niveau de pouvoir 50 ou plus), à l'équipe du centre et aux administrateurs",
    staff: "à l'équipe du centre et aux administrateurs",
    admin: "aux administrateurs de Minou",
  },
  groupNames: {
    general: "Général",
    agenda: "Agenda",
    polls: "Sondages",
    documents: "Documents",
    trainings: "Formations",
    onboarding: "Accueil",
    staff: "Équipe du centre",
  },
  notAllowed: (command, required) =>
    md`Désolé, ${command} est réservée ${fr.reservedTo[required]}. Demandez à un modérateur du salon si besoin.`,
  unknownCommand: (typed, suggestion, prefix) =>
    suggestion === undefined
      ? md`Je ne connais pas la commande ${prefix + typed}. Tapez ${code(`${prefix}aide`)} pour voir ce que je sais faire.`
      : md`Je ne connais pas la commande ${prefix + typed}. Vouliez-vous dire **${prefix + suggestion}** ?`,
  missingArgument: (label, usage) => md`Il manque ${label}. Utilisation : ${code(usage)}`,
  notInteger: (label, given, usage) => md`« ${given} » n'est pas un nombre entier (${label}). Utilisation : ${code(usage)}`,
  outOfRange: (label, given, usage) => md`${given} n'est pas une valeur possible pour ${label}. Utilisation : ${code(usage)}`,
  notAChoice: (label, given, choices, usage) =>
    md`« ${given} » n'est pas possible pour ${label} : choisissez parmi ${choices.join(", ")}. Utilisation : ${code(usage)}`,
  tooManyArguments: (given, usage, suggestion) =>
    suggestion === undefined
      ? md`Je n'ai pas compris « ${given} ». Utilisation : ${code(usage)}`
      : md`Je n'ai pas compris « ${given} ». Vouliez-vous dire **${suggestion}** ? Utilisation : ${code(usage)}`,
  duplicateOption: (key, usage) => md`L'option ${key}: est donnée deux fois. Utilisation : ${code(usage)}`,
  internalError: (reference) =>
    md`Oups, quelque chose s'est mal passé de mon côté et rien n'a été modifié. L'équipe du centre peut retrouver l'incident avec la référence ${reference}.`,
  floodWarning: (muteSeconds) =>
    md`Doucement ! Vous m'envoyez beaucoup de commandes d'un coup. Je fais une pause de ${muteSeconds} secondes avec vous, puis je vous réponds à nouveau.`,
  editNotRerun: (prefix) =>
    md`J'ai déjà fait ce que demandait cette commande : la modifier ne la refait pas. Pour changer le résultat, envoyez une nouvelle commande (${code(`${prefix}aide`)} si besoin).`,
  undelivered: (wasReply) =>
    wasReply
      ? md`Je n'ai pas pu envoyer ma réponse à cette commande : le serveur Matrix l'a refusée. Réessayez autrement, ou prévenez l'équipe du centre si cela se reproduit.`
      : md`Un de mes messages pour ce salon n'a pas pu être envoyé : le serveur Matrix l'a refusé. Si cela se reproduit, prévenez l'équipe du centre.`,
};

const en: RuntimeMessages = {
  permissionNames: {
    member: "all members",
    moderator: "room moderators (power level 50 or more), the centre's staff and administrators",
    staff: "the centre's staff and administrators",
    admin: "Minou's administrators",
  },
  reservedTo: {
    member: "all members",
    moderator: "room moderators (power level 50 or more), the centre's staff and administrators",
    staff: "the centre's staff and administrators",
    admin: "Minou's administrators",
  },
  groupNames: {
    general: "General",
    agenda: "Agenda",
    polls: "Polls",
    documents: "Documents",
    trainings: "Trainings",
    onboarding: "Welcome",
    staff: "Centre staff",
  },
  notAllowed: (command, required) =>
    md`Sorry, ${command} is reserved for ${en.reservedTo[required]}. Ask a room moderator if needed.`,
  unknownCommand: (typed, suggestion, prefix) =>
    suggestion === undefined
      ? md`I don't know the command ${prefix + typed}. Type ${code(`${prefix}help`)} to see what I can do.`
      : md`I don't know the command ${prefix + typed}. Did you mean **${prefix + suggestion}**?`,
  missingArgument: (label, usage) => md`${label} is missing. Usage: ${code(usage)}`,
  notInteger: (label, given, usage) => md`"${given}" is not a whole number (${label}). Usage: ${code(usage)}`,
  outOfRange: (label, given, usage) => md`${given} is not a possible value for ${label}. Usage: ${code(usage)}`,
  notAChoice: (label, given, choices, usage) =>
    md`"${given}" is not possible for ${label}: choose one of ${choices.join(", ")}. Usage: ${code(usage)}`,
  tooManyArguments: (given, usage, suggestion) =>
    suggestion === undefined
      ? md`I did not understand "${given}". Usage: ${code(usage)}`
      : md`I did not understand "${given}". Did you mean **${suggestion}**? Usage: ${code(usage)}`,
  duplicateOption: (key, usage) => md`The option ${key}: is given twice. Usage: ${code(usage)}`,
  internalError: (reference) =>
    md`Oops, something went wrong on my side and nothing was changed. The centre's staff can trace the incident with reference ${reference}.`,
  floodWarning: (muteSeconds) =>
    md`Easy! You are sending me a lot of commands at once. I'm pausing with you for ${muteSeconds} seconds, then I'll answer again.`,
  editNotRerun: (prefix) =>
    md`I already did what this command asked: editing it does not run it again. To change the result, send a new command (${code(`${prefix}help`)} if needed).`,
  undelivered: (wasReply) =>
    wasReply
      ? md`I could not send my answer to this command: the Matrix server refused it. Try another way, or tell the centre's team if it happens again.`
      : md`One of my messages for this room could not be sent: the Matrix server refused it. If it happens again, tell the centre's team.`,
};

export const runtimeMessages: Localized<RuntimeMessages> = { fr, en };

export function messagesFor(language: Language): RuntimeMessages {
  return runtimeMessages[language];
}
