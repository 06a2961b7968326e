import { DateTime } from "luxon";
import { parseWhen, type WhenProblem } from "../../src/agenda/parse-when.ts";
import { whenProblemText } from "../../src/agenda/when-problems.ts";
import { t } from "../../src/i18n/catalog.ts";
import { localeOf, type Language } from "../../src/i18n/language.ts";
import { defineCommand, refuse, reply, type FollowUp } from "../../src/dispatch/command.ts";
import { noticeContent } from "../../src/matrix/reply-content.ts";
import { POLL_KEY } from "../../src/polls/live-summaries.ts";
import type { PollOption } from "../../src/polls/model.ts";
import { parseDatePollRequest } from "../../src/polls/parse-poll.ts";
import { queuedFor } from "../../src/pipeline/purpose.ts";
import { POLL_SLOT, POLL_SUMMARY } from "../../src/polls/purposes.ts";
import { slotTallies } from "../../src/polls/poll-state.ts";
import { anonymousInstructions, dateSummary, slotMessage } from "../../src/polls/poll-texts.ts";
import { joinMarkdown, type Markdown } from "../../src/render/markdown.ts";
import { renderMessage } from "../../src/render/render-message.ts";
import { newPollCode } from "./code.ts";
import { datePollProblemText, requestDeadline } from "./poll-lookup.ts";

/** A slot Minou could not read: said with the slot's own example, the agenda's words for the rest. */
function slotProblemText(problem: WhenProblem, position: number, part: string, language: Language, timeZone: string, prefix: string): Markdown {
  if (problem.kind === "past") {
    const day = DateTime.fromMillis(problem.startsAt, { zone: timeZone }).setLocale(localeOf(language)).toFormat("cccc d LLLL yyyy");
    return t(language, "polls.dates.slot.past", { position, part, day });
  }
  const reason = problem.kind === "ambiguous" ? problem.reason : problem.kind;
  if (reason === "notFound" || reason === "partlyUnderstood" || reason === "dayInTitle") return t(language, "polls.dates.slot.notUnderstood", { position, part });
  if (reason === "noTime") return t(language, "polls.dates.slot.noTime", { position, part });
  return t(language, "polls.dates.slot.problem", { position, part, problem: whenProblemText(problem, language, timeZone, prefix) });
}

export const dates = defineCommand({
  texts: "polls.dates",
  group: "polls",
  args: [{ name: "text", kind: "text" }],
  permission: "member",
  execute(context, { text }) {
    const { stores, room, now, language, sender, prefix, settings } = context;
    const whenOptions = { now, timeZone: room.timeZone, language, defaultDurationMinutes: settings.agenda.defaultDurationMinutes };
    const isSlot = (part: string): boolean => {
      const when = parseWhen(part, whenOptions);
      return when.ok && when.rest === "" && when.when.rrule === null;
    };
    const parsed = parseDatePollRequest(text, isSlot);
    if (!parsed.ok) return refuse(datePollProblemText(parsed.problem, language, prefix));
    const { request } = parsed;
    const slots: Omit<PollOption, "messageEventId">[] = [];
    for (const [index, part] of request.parts.entries()) {
      const when = parseWhen(part, whenOptions);
      const position = index + 1;
      if (!when.ok) return refuse(slotProblemText(when.problem, position, part, language, room.timeZone, prefix));
      if (when.rest !== "" || when.when.rrule !== null) return refuse(t(language, "polls.dates.slot.notUnderstood", { position, part }));
      if (slots.some((slot) => slot.startsAt === when.when.startsAt && slot.endsAt === when.when.endsAt)) {
        return refuse(t(language, "polls.dates.slot.duplicate", { position, part }));
      }
      slots.push({ position, answerId: `slot${position}`, label: part, startsAt: when.when.startsAt, endsAt: when.when.endsAt, allDay: when.when.allDay });
    }
    const readDeadline = requestDeadline(context, request, "polls.dates.deadlineExample");
    if ("kind" in readDeadline) return readDeadline;
    const { deadline } = readDeadline;
    const poll = stores.polls.polls.create(
      {
        roomId: room.roomId,
        kind: "dates",
        question: request.question,
        disclosed: true,
        anonymous: request.anonymous,
        code: request.anonymous ? newPollCode() : null,
        external: false,
        createdBy: sender.userId,
        deadline,
        timeZone: room.timeZone,
        startEventId: null,
        options: slots,
      },
      now,
    );
    const key = { [POLL_KEY]: { poll: poll.number } };
    const summary = dateSummary(poll, slotTallies(stores, poll), language, prefix);
    if (poll.anonymous) {
      return reply(joinMarkdown([summary, anonymousInstructions(poll, language, prefix)], "\n\n"), { ...queuedFor(POLL_SUMMARY, poll.id), extraContent: key });
    }
    const followUps: FollowUp[] = poll.options.map((option) => ({
      eventType: "m.room.message",
      content: { ...key, ...noticeContent(renderMessage(slotMessage(poll, option, language))) },
      ...queuedFor(POLL_SLOT, { pollId: poll.id, position: option.position }),
    }));
    return reply(summary, { ...queuedFor(POLL_SUMMARY, poll.id), extraContent: key, followUps });
  },
});
