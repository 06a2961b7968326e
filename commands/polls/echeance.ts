import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { plainText, t } from "../../src/i18n/catalog.ts";
import { parseDeadline } from "../../src/polls/parse-poll.ts";
import { commandExample, deadlineText } from "../../src/polls/poll-texts.ts";
import { cannotEndRefusal, closedRefusal, deadlineProblemText, mayManage } from "./poll-lookup.ts";

export const echeance = defineCommand({
  texts: "polls.echeance",
  group: "polls",
  args: [{ name: "when", kind: "text" }],
  permission: "member",
  execute(context, { when }) {
    const { stores, room, now, language, replyTo, minouMay, prefix } = context;
    const example = plainText(language, "polls.echeance.example");
    const poll = replyTo === undefined ? undefined : stores.polls.polls.byStartEvent(replyTo);
    if (poll === undefined || poll.roomId !== room.roomId) return refuse(t(language, "polls.echeance.notAReply", { example: commandExample(prefix, example) }));
    const refusal = mayManage(context, poll, "deadline");
    if (refusal !== undefined) return refusal;
    if (poll.closedAt !== null) return closedRefusal(context, poll);
    if (poll.external && !minouMay.redact) return cannotEndRefusal(context);
    const deadline = parseDeadline(when, now, room.timeZone, language);
    if (!deadline.ok) return refuse(deadlineProblemText(deadline.problem, example, language, room.timeZone, prefix));
    stores.polls.polls.setDeadline(poll.id, deadline.deadline);
    const updated = stores.polls.polls.get(poll.id) ?? poll;
    return reply(t(language, "polls.echeance.done", { question: poll.question, deadline: deadlineText(updated, language) ?? "" }));
  },
});
