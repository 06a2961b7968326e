import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { closePoll } from "../../src/polls/close-poll.ts";
import { md } from "../../src/render/markdown.ts";
import { cannotEndRefusal, closedRefusal, findPoll, isPoll, mayManage, POLL_MANAGERS } from "./poll-lookup.ts";

export const clore = defineCommand({
  names: { fr: ["sondage clore"], en: ["poll close"] },
  group: "polls",
  summary: { fr: "clore un sondage maintenant (sans numéro : le dernier ouvert)", en: "close a poll now (without a number: the latest open one)" },
  args: [{ name: "number", kind: "integer", min: 1, optional: true, label: { fr: "n°", en: "#" } }],
  permission: "member",
  permissionDetail: POLL_MANAGERS,
  execute(context, { number }) {
    const found = findPoll(context, number);
    if (!isPoll(found)) return found;
    const refusal = mayManage(context, found);
    if (refusal !== undefined) return refusal;
    if (found.closedAt !== null) return closedRefusal(context, found);
    if (found.external && !context.minouMay.redact) return cannotEndRefusal(context);
    if (found.startEventId !== null && !found.anonymous) {
      // A native poll's count is made after fetching every response from the homeserver:
      // the deadline job closes it on its next turn, which is now.
      context.stores.polls.polls.setDeadline(found.id, context.now);
      return reply(context.language === "fr" ? md`Je clos le sondage n°${found.number} : le résultat suit.` : md`Closing poll #${found.number}: the result follows.`);
    }
    closePoll(context.stores, found, { by: "member", userId: context.sender.userId }, context.now, context.language, context.prefix);
    return reply(context.language === "fr" ? md`Le sondage n°${found.number} est clos.` : md`Poll #${found.number} is closed.`);
  },
});
