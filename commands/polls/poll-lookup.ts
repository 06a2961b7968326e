import type { Poll } from "../../src/polls/model.ts";
import { allows, refuse, type CommandContext, type CommandResult } from "../../src/dispatch/command.ts";
import { whenProblemText } from "../../src/agenda/when-problems.ts";
import type { PollRequestProblem } from "../../src/polls/parse-poll.ts";
import { MAX_ANSWERS, parseDeadline, type PollRequest } from "../../src/polls/parse-poll.ts";
import type { Localized } from "../../src/i18n/language.ts";
import { code, md, type Markdown } from "../../src/render/markdown.ts";

export { whenProblemText };

/** The room's poll with that number, or its most recent open one; else the refusal to give. */
export function findPoll(context: CommandContext, number: number | undefined, kind: "question" | "dates" | "%" = "%"): Poll | CommandResult {
  const { stores, room, language, prefix } = context;
  const poll = number === undefined ? stores.polls.polls.latestOpen(room.roomId, kind) : stores.polls.polls.byNumber(room.roomId, number);
  if (poll !== undefined) return poll;
  if (number === undefined) {
    return refuse(language === "fr" ? md`Il n'y a pas de sondage ouvert dans ce salon. Créez-en un : ${prefix}sondage "Question ?" Oui | Non` : md`There is no open poll in this room. Create one: ${prefix}poll "Question?" Yes | No`);
  }
  return refuse(language === "fr" ? md`Il n'y a pas de sondage n°${number} dans ce salon.` : md`There is no poll #${number} in this room.`);
}

export function isPoll(value: Poll | CommandResult): value is Poll {
  return "question" in value;
}

/**
 * Who may close a poll, give it a deadline or choose its slot: the `permissionDetail` of those
 * commands (so their help and the README say it) and the words of `mayManage`'s refusal.
 */
export const POLL_MANAGERS: Localized = {
  fr: "la personne qui a lancé le sondage, les modérateurs du salon et l'équipe du centre",
  en: "whoever started the poll, the room's moderators and the centre's staff",
};

/** Closing or choosing is for the poll's creator, the room's moderators and the centre's staff. */
export function mayManage(context: CommandContext, poll: Poll): CommandResult | undefined {
  if (poll.createdBy === context.sender.userId || allows(context.sender.level, "moderator")) return undefined;
  return refuse(
    context.language === "fr"
      ? md`Seuls ${POLL_MANAGERS.fr} peuvent faire cela pour le sondage n°${poll.number}.`
      : md`Only ${POLL_MANAGERS.en} may do this for poll #${poll.number}.`,
  );
}

/** A member's Element poll: its end event counts only from its author or someone who may redact (MSC3381). */
export function cannotEndRefusal(context: CommandContext): CommandResult {
  return refuse(
    context.language === "fr"
      ? md`Je ne peux pas clore ce sondage : dans Matrix, seul son auteur ou quelqu'un qui peut supprimer les messages des autres peut le faire. Donnez-moi ce droit (niveau « Modérateur » dans les paramètres du salon, Rôles et permissions), puis recommencez.`
      : md`I cannot close this poll: in Matrix only its author or someone allowed to remove others' messages can. Give me that right (Moderator in the room's Roles & Permissions), then try again.`,
  );
}

export function closedRefusal(context: CommandContext, poll: Poll): CommandResult {
  return refuse(context.language === "fr" ? md`Le sondage n°${poll.number} est clos.` : md`Poll #${poll.number} is closed.`);
}

export function requestProblemText(problem: PollRequestProblem, language: "fr" | "en", prefix: string): Markdown {
  const fr = language === "fr";
  switch (problem.kind) {
    case "noQuestion":
      return fr ? md`Mettez la question entre guillemets, puis les réponses séparées par | : ${prefix}sondage "Quand se réunir ?" Lundi | Mardi` : md`Put the question in quotes, then the answers separated by |: ${prefix}poll "When shall we meet?" Monday | Tuesday`;
    case "tooFew":
      return fr ? md`Il faut au moins 2 réponses, séparées par | (par exemple Oui | Non).` : md`At least 2 answers are needed, separated by | (for example Yes | No).`;
    case "tooMany":
      return fr ? md`${MAX_ANSWERS} réponses au plus, comme dans Element.` : md`At most ${MAX_ANSWERS} answers, as in Element.`;
    case "emptyAnswer":
      return fr ? md`La réponse n°${problem.position} est vide : vérifiez les | en trop.` : md`Answer ${problem.position} is empty: check for extra |.`;
    case "duplicate":
      return fr ? md`« ${problem.label} » est proposée deux fois.` : md`"${problem.label}" is offered twice.`;
    case "tooLong":
      return fr ? md`C'est un peu long : 300 caractères au plus pour la question, 200 par réponse.` : md`That is a bit long: at most 300 characters for the question, 200 per answer.`;
  }
}

/** The same problems for `!sondage dates`, whose parts are slots and whose example is a date poll. */
export function datePollProblemText(problem: PollRequestProblem, language: "fr" | "en", prefix: string): Markdown {
  const fr = language === "fr";
  const example = fr ? code(`${prefix}sondage dates Réunion de rentrée ? lundi 14h, mardi 18h`) : code(`${prefix}poll dates Autumn meeting? Monday 2pm, Tuesday 6pm`);
  switch (problem.kind) {
    case "noQuestion":
      return fr ? md`Donnez un titre, puis les créneaux séparés par des virgules : ${example}` : md`Give a title, then the slots separated by commas: ${example}`;
    case "tooFew":
      return fr ? md`Il faut au moins 2 créneaux, séparés par des virgules (ou des |) : ${example}` : md`At least 2 slots are needed, separated by commas (or |): ${example}`;
    case "emptyAnswer":
      return fr ? md`Le créneau n°${problem.position} est vide : vérifiez les virgules (ou les |) en trop.` : md`Slot ${problem.position} is empty: check for extra commas (or |).`;
    case "duplicate":
      return fr ? md`Le créneau « ${problem.label} » est proposé deux fois.` : md`Slot "${problem.label}" is offered twice.`;
    case "tooMany":
      return fr ? md`${MAX_ANSWERS} créneaux au plus.` : md`At most ${MAX_ANSWERS} slots.`;
    case "tooLong":
      return fr ? md`C'est un peu long : 300 caractères au plus pour le titre, 200 par créneau.` : md`That is a bit long: at most 300 characters for the title, 200 per slot.`;
  }
}

/** The request's deadline (null without one), or the refusal when it cannot be read or is past. */
export function requestDeadline(context: CommandContext, request: PollRequest): { deadline: number | null } | CommandResult {
  if (request.deadlineText === undefined) return { deadline: null };
  const { now, room, language, prefix } = context;
  const result = parseDeadline(request.deadlineText, now, room.timeZone, language);
  return result.ok ? { deadline: result.deadline } : refuse(whenProblemText(result.problem, language, room.timeZone, prefix));
}
