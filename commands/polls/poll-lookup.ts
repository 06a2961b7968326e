import { DateTime } from "luxon";
import type { Poll } from "../../src/polls/model.ts";
import { allows, refuse, type CommandContext, type CommandResult } from "../../src/dispatch/command.ts";
import type { WhenProblem } from "../../src/agenda/parse-when.ts";
import { whenProblemText } from "../../src/agenda/when-problems.ts";
import { plainText, t } from "../../src/i18n/catalog.ts";
import { localeOf, type Language } from "../../src/i18n/language.ts";
import type { PollRequestProblem } from "../../src/polls/parse-poll.ts";
import { MAX_ANSWERS, MAX_LABEL, MAX_QUESTION, parseDeadline, type PollRequest } from "../../src/polls/parse-poll.ts";
import { commandExample } from "../../src/polls/poll-texts.ts";
import type { Markdown } from "../../src/render/markdown.ts";

/** The room's poll with that number, or its most recent open one; else the refusal to give. */
export function findPoll(context: CommandContext, number: number | undefined, kind: "question" | "dates" | "%" = "%"): Poll | CommandResult {
  const { stores, room, language, prefix } = context;
  const poll = number === undefined ? stores.polls.polls.latestOpen(room.roomId, kind) : stores.polls.polls.byNumber(room.roomId, number);
  if (poll !== undefined) return poll;
  if (number === undefined) {
    return kind === "dates"
      ? refuse(t(language, "polls.lookup.noOpenDates", { example: commandExample(prefix, plainText(language, "polls.dates.example")) }))
      : refuse(t(language, "polls.lookup.noOpen", { example: commandExample(prefix, plainText(language, "polls.sondage.example")) }));
  }
  return refuse(t(language, "polls.lookup.notFound", { number }));
}

export function isPoll(value: Poll | CommandResult): value is Poll {
  return "question" in value;
}

/** What a member asked to do with a poll that only its managers may do. */
export type ManageAction = "close" | "deadline" | "choose";

/**
 * Closing, setting the deadline or choosing the slot is for the poll's creator, the room's
 * moderators and the centre's staff (the commands' `<texts>.permission` says the same in the help).
 */
export function mayManage(context: CommandContext, poll: Poll, action: ManageAction): CommandResult | undefined {
  if (poll.createdBy === context.sender.userId || allows(context.sender.level, "moderator")) return undefined;
  return refuse(t(context.language, "polls.manage.refused", { action, number: poll.number }));
}

/** A member's Element poll: its end event counts only from its author or someone who may redact (MSC3381). */
export function cannotEndRefusal(context: CommandContext): CommandResult {
  return refuse(t(context.language, "polls.manage.cannotEnd"));
}

export function closedRefusal(context: CommandContext, poll: Poll): CommandResult {
  return refuse(t(context.language, "polls.manage.alreadyClosed", { number: poll.number }));
}

export function requestProblemText(problem: PollRequestProblem, language: Language, prefix: string): Markdown {
  const example = commandExample(prefix, plainText(language, "polls.sondage.example"));
  switch (problem.kind) {
    case "noQuestion":
      return t(language, "polls.sondage.problem.noQuestion", { example });
    case "tooFew":
      return t(language, "polls.sondage.problem.tooFew", { example });
    case "tooMany":
      return t(language, "polls.sondage.problem.tooMany", { max: MAX_ANSWERS });
    case "emptyAnswer":
      return t(language, "polls.sondage.problem.emptyAnswer", { position: problem.position });
    case "duplicate":
      return t(language, "polls.sondage.problem.duplicate", { label: problem.label });
    case "tooLong":
      return t(language, "polls.sondage.problem.tooLong", { question: MAX_QUESTION, answer: MAX_LABEL });
  }
}

/** The same problems for `!sondage dates`, whose parts are slots and whose example is a date poll. */
export function datePollProblemText(problem: PollRequestProblem, language: Language, prefix: string): Markdown {
  const example = commandExample(prefix, plainText(language, "polls.dates.example"));
  switch (problem.kind) {
    case "noQuestion":
      return t(language, "polls.dates.problem.noQuestion", { example });
    case "tooFew":
      return t(language, "polls.dates.problem.tooFew", { example });
    case "emptyAnswer":
      return t(language, "polls.dates.problem.emptyAnswer", { position: problem.position });
    case "duplicate":
      return t(language, "polls.dates.problem.duplicate", { label: problem.label });
    case "tooMany":
      return t(language, "polls.dates.problem.tooMany", { max: MAX_ANSWERS });
    case "tooLong":
      return t(language, "polls.dates.problem.tooLong", { question: MAX_QUESTION, answer: MAX_LABEL });
  }
}

/**
 * A deadline Minou could not take, with an example of the command being typed (`example`, a
 * catalog text such as `polls.echeance.example`); the agenda's explanations for the rest.
 */
export function deadlineProblemText(problem: WhenProblem, example: string, language: Language, timeZone: string, prefix: string): Markdown {
  const shown = commandExample(prefix, example);
  const local = (instant: number): DateTime => DateTime.fromMillis(instant, { zone: timeZone }).setLocale(localeOf(language));
  if (problem.kind === "notFound") return t(language, "polls.deadline.notFound", { example: shown });
  if (problem.kind === "past") return t(language, "polls.deadline.past", { day: local(problem.startsAt).toFormat("cccc d LLLL yyyy"), example: shown });
  if (problem.kind === "ambiguous" && problem.reason === "partlyUnderstood") {
    return t(language, "polls.deadline.partlyUnderstood", { moment: local(problem.startsAt).toFormat("cccc d LLLL yyyy, HH:mm"), leftOver: problem.leftOver, example: shown });
  }
  if (problem.kind === "ambiguous" && (problem.reason === "noTime" || problem.reason === "dayInTitle")) return t(language, "polls.deadline.notFound", { example: shown });
  return whenProblemText(problem, language, timeZone, prefix);
}

/** The request's deadline (null without one), or the refusal when it cannot be read or is past. */
export function requestDeadline(context: CommandContext, request: PollRequest, example: "polls.sondage.deadlineExample" | "polls.dates.deadlineExample"): { deadline: number | null } | CommandResult {
  if (request.deadlineText === undefined) return { deadline: null };
  const { now, room, language, prefix } = context;
  const result = parseDeadline(request.deadlineText, now, room.timeZone, language);
  return result.ok ? { deadline: result.deadline } : refuse(deadlineProblemText(result.problem, plainText(language, example), language, room.timeZone, prefix));
}
