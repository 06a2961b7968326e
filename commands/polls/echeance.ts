import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { parseDeadline } from "../../src/polls/parse-poll.ts";
import { deadlineText } from "../../src/polls/poll-texts.ts";
import { md } from "../../src/render/markdown.ts";
import { cannotEndRefusal, closedRefusal, mayManage, POLL_MANAGERS, whenProblemText } from "./poll-lookup.ts";

export const echeance = defineCommand({
  names: { fr: ["sondage échéance"], en: ["poll deadline"] },
  group: "polls",
  summary: { fr: "en réponse à un sondage Element : le clore à une date", en: "in reply to an Element poll: close it at a given time" },
  details: {
    fr: "Répondez (« Répondre » dans Element) au sondage d'un membre avec `!sondage échéance vendredi 18h` : Minou le clora à cette heure et donnera le résultat. Il faut que Minou ait le droit de supprimer les messages des autres dans le salon.",
    en: "Reply to a member's poll with `!poll deadline Friday 6pm`: Minou will close it then and give the result. Minou needs the power to remove others' messages in the room.",
  },
  args: [{ name: "when", kind: "text", label: { fr: "quand", en: "when" } }],
  permission: "member",
  permissionDetail: POLL_MANAGERS,
  execute(context, { when }) {
    const { stores, room, now, language, replyTo, minouMay, prefix } = context;
    const fr = language === "fr";
    const poll = replyTo === undefined ? undefined : stores.polls.polls.byStartEvent(replyTo);
    if (poll === undefined || poll.roomId !== room.roomId) {
      return refuse(fr ? md`Utilisez cette commande en réponse au sondage (« Répondre » sur le sondage dans Element).` : md`Use this command as a reply to the poll ("Reply" on the poll in Element).`);
    }
    const refusal = mayManage(context, poll);
    if (refusal !== undefined) return refusal;
    if (poll.closedAt !== null) return closedRefusal(context, poll);
    if (poll.external && !minouMay.redact) return cannotEndRefusal(context);
    const deadline = parseDeadline(when, now, room.timeZone, language);
    if (!deadline.ok) return refuse(whenProblemText(deadline.problem, language, room.timeZone, prefix));
    stores.polls.polls.setDeadline(poll.id, deadline.deadline);
    const updated = stores.polls.polls.get(poll.id) ?? poll;
    return reply(fr ? md`C'est noté : je clorai le sondage « ${poll.question} » et donnerai le résultat. ${deadlineText(updated, language)}` : md`Noted: I will close the poll "${poll.question}" and give the result. ${deadlineText(updated, language)}`);
  },
});
