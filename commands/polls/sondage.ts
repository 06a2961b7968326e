import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { queuedFor } from "../../src/pipeline/purpose.ts";
import { POLL_KEY } from "../../src/polls/live-summaries.ts";
import { POLL_START, POLL_SUMMARY } from "../../src/polls/purposes.ts";
import { pollStartContent } from "../../src/polls/native-poll.ts";
import { parsePollRequest } from "../../src/polls/parse-poll.ts";
import { definitionOf, questionTally } from "../../src/polls/poll-state.ts";
import { anonymousSummary, commandExample, deadlineText } from "../../src/polls/poll-texts.ts";
import { plainText, t } from "../../src/i18n/catalog.ts";
import { joinMarkdown } from "../../src/render/markdown.ts";
import { newPollCode } from "./code.ts";
import { requestDeadline, requestProblemText } from "./poll-lookup.ts";

export const sondage = defineCommand({
  texts: "polls.sondage",
  group: "polls",
  args: [{ name: "text", kind: "text" }],
  permission: "member",
  execute(context, { text }) {
    const { stores, room, now, language, sender, prefix } = context;
    const parsed = parsePollRequest(text);
    if (!parsed.ok) return refuse(requestProblemText(parsed.problem, language, prefix));
    const { request } = parsed;
    const readDeadline = requestDeadline(context, request, "polls.sondage.deadlineExample");
    if ("kind" in readDeadline) return readDeadline;
    const { deadline } = readDeadline;
    const poll = stores.polls.polls.create(
      {
        roomId: room.roomId,
        kind: "question",
        question: request.question,
        disclosed: !request.undisclosed,
        anonymous: request.anonymous,
        code: request.anonymous ? newPollCode() : null,
        external: false,
        createdBy: sender.userId,
        deadline,
        timeZone: room.timeZone,
        startEventId: null,
        options: request.parts.map((label, index) => ({ position: index + 1, answerId: `a${index + 1}`, label, startsAt: null, endsAt: null, allDay: false })),
      },
      now,
    );
    const closes = deadlineText(poll, language);
    const undisclosed = request.undisclosed ? "yes" : "no";
    const intro =
      closes === undefined
        ? t(language, "polls.sondage.started", { number: poll.number, undisclosed, command: commandExample(prefix, plainText(language, "polls.clore.example", { number: poll.number })) })
        : t(language, "polls.sondage.startedWithDeadline", { number: poll.number, undisclosed, deadline: closes });
    if (poll.anonymous) {
      const summary = anonymousSummary(poll, questionTally(stores, poll), language, prefix);
      return reply(joinMarkdown([intro, summary], "\n\n"), { ...queuedFor(POLL_SUMMARY, poll.id), extraContent: { [POLL_KEY]: { poll: poll.number } } });
    }
    return reply(intro, {
      followUps: [{ eventType: "org.matrix.msc3381.poll.start", content: { ...pollStartContent(definitionOf(poll)), [POLL_KEY]: { poll: poll.number } }, ...queuedFor(POLL_START, poll.id) }],
    });
  },
});
