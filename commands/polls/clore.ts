import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { t } from "../../src/i18n/catalog.ts";
import { closePoll } from "../../src/polls/close-poll.ts";
import { cannotEndRefusal, closedRefusal, findPoll, isPoll, mayManage } from "./poll-lookup.ts";

export const clore = defineCommand({
  texts: "polls.clore",
  group: "polls",
  args: [{ name: "number", kind: "integer", min: 1, optional: true }],
  permission: "member",
  execute(context, { number }) {
    const found = findPoll(context, number);
    if (!isPoll(found)) return found;
    const refusal = mayManage(context, found, "close");
    if (refusal !== undefined) return refusal;
    if (found.closedAt !== null) return closedRefusal(context, found);
    if (found.external && !context.minouMay.redact) return cannotEndRefusal(context);
    if (found.startEventId !== null && !found.anonymous) {
      // A native poll's count is made after fetching every response from the homeserver:
      // the deadline job closes it on its next turn, which is now.
      context.stores.polls.polls.setDeadline(found.id, context.now);
      return reply(t(context.language, "polls.clore.closing", { number: found.number }));
    }
    closePoll(context.stores, found, { by: "member", userId: context.sender.userId }, context.now, context.language, context.prefix);
    return reply(t(context.language, "polls.clore.closed", { number: found.number }));
  },
});
