import { randomUUID } from "node:crypto";
import { queuedFor } from "../../src/pipeline/purpose.ts";
import { ANNOUNCEMENT, announcementKey, announcementText } from "../../src/agenda/announcement.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { closePoll } from "../../src/polls/close-poll.ts";
import { plainText, t } from "../../src/i18n/catalog.ts";
import { commandExample } from "../../src/polls/poll-texts.ts";
import { findPoll, isPoll, mayManage } from "./poll-lookup.ts";

export const choisir = defineCommand({
  texts: "polls.choisir",
  group: "polls",
  args: [
    { name: "first", kind: "integer", min: 1 },
    { name: "second", kind: "integer", min: 1, optional: true },
  ],
  permission: "member",
  execute(context, { first, second }) {
    const found = second === undefined ? findPoll(context, undefined, "dates") : findPoll(context, first);
    if (!isPoll(found)) return found;
    const { stores, now, language, sender, prefix } = context;
    if (found.kind !== "dates") return refuse(t(language, "polls.choisir.notDates", { number: found.number }));
    const refusal = mayManage(context, found, "choose");
    if (refusal !== undefined) return refusal;
    if (found.chosenPosition !== null) return refuse(t(language, "polls.choisir.alreadyChosen", { position: found.chosenPosition, number: found.number }));
    const position = second ?? first;
    const slot = found.options.find((option) => option.position === position);
    if (slot === undefined || slot.startsAt === null || slot.endsAt === null) {
      const command = commandExample(prefix, plainText(language, "polls.choisir.resultsExample", { number: found.number }));
      return refuse(t(language, "polls.choisir.noSuchSlot", { number: found.number, count: found.options.length, command }));
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
