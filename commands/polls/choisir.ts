import { randomUUID } from "node:crypto";
import { queuedFor } from "../../src/pipeline/purpose.ts";
import { ANNOUNCEMENT, announcementKey, announcementText } from "../../src/agenda/announcement.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { closePoll } from "../../src/polls/close-poll.ts";
import { md } from "../../src/render/markdown.ts";
import { findPoll, isPoll, mayManage, POLL_MANAGERS } from "./poll-lookup.ts";

export const choisir = defineCommand({
  names: { fr: ["sondage choisir"], en: ["poll choose"] },
  group: "polls",
  summary: { fr: "retenir un créneau d'un sondage de dates : il devient un événement de l'agenda", en: "pick a date poll's slot: it becomes an agenda event" },
  details: {
    fr: "`!sondage choisir 2` retient le créneau 2 du dernier sondage de dates ; `!sondage choisir 4 2` le créneau 2 du sondage n°4. Ceux qui ont répondu oui sont inscrits ✅ à l'événement, si besoin ❓, et reçoivent ses rappels.",
    en: "`!poll choose 2` picks slot 2 of the latest date poll; `!poll choose 4 2` slot 2 of poll #4. Those who answered yes are recorded ✅ on the event, if needed ❓, and get its reminders.",
  },
  args: [
    { name: "first", kind: "integer", min: 1, label: { fr: "créneau (ou n° du sondage)", en: "slot (or poll #)" } },
    { name: "second", kind: "integer", min: 1, optional: true, label: { fr: "créneau", en: "slot" } },
  ],
  permission: "member",
  permissionDetail: POLL_MANAGERS,
  execute(context, { first, second }) {
    const found = second === undefined ? findPoll(context, undefined, "dates") : findPoll(context, first);
    if (!isPoll(found)) return found;
    const { stores, now, language, sender, prefix } = context;
    const fr = language === "fr";
    if (found.kind !== "dates") return refuse(fr ? md`Le sondage n°${found.number} n'est pas un sondage de dates.` : md`Poll #${found.number} is not a date poll.`);
    const refusal = mayManage(context, found);
    if (refusal !== undefined) return refusal;
    if (found.chosenPosition !== null) return refuse(fr ? md`Un créneau a déjà été retenu pour le sondage n°${found.number}.` : md`A slot was already chosen for poll #${found.number}.`);
    const position = second ?? first;
    const slot = found.options.find((option) => option.position === position);
    if (slot === undefined || slot.startsAt === null || slot.endsAt === null) {
      return refuse(fr ? md`Le sondage n°${found.number} a des créneaux de 1 à ${found.options.length}. Voyez-les avec ${prefix}sondage résultats ${found.number}.` : md`Poll #${found.number} has slots 1 to ${found.options.length}.`);
    }
    const event = stores.agenda.events.create(
      { roomId: found.roomId, uid: `${randomUUID()}@minou`, title: found.question, location: null, description: null, startsAt: slot.startsAt, endsAt: slot.endsAt, allDay: slot.allDay, timeZone: found.timeZone, rrule: null, createdBy: sender.userId },
      now,
    );
    for (const vote of stores.polls.votes.votes(found.id)) {
      if (vote.position === position && vote.answer !== "no") stores.agenda.answers.replace(event.id, vote.voter, vote.answer, now);
    }
    stores.polls.polls.recordChoice(found.id, position, event.id);
    if (found.closedAt === null) closePoll(stores, { ...found, chosenPosition: position }, { by: "member", userId: sender.userId }, now, language, prefix);
    stores.polls.polls.markSummaryDirty(found.id, now);
    return reply(announcementText(event, stores.agenda.answers.counts(event.id), language), {
      ...queuedFor(ANNOUNCEMENT, event.id),
      extraContent: announcementKey(event),
    });
  },
});
