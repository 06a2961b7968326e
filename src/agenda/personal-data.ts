import { t } from "../i18n/catalog.ts";
import { DAY_MS, effect, isoTime, roomRef, type ErasureEffect, type MemberScope, type PersonalDataPart } from "../privacy/personal-data.ts";
import type { AgendaEvent } from "./model.ts";
import { nextOccurrence, occurrencesBetween } from "./occurrences.ts";

function answeredEvents(scope: MemberScope): number {
  return new Set(scope.stores.agenda.answers.ofMember(scope.userId).map((answer) => answer.eventId)).size;
}

function effects(answered: number, added: number): ErasureEffect[] {
  return [effect(answered, "privacy.agenda.answersWithdrawn"), effect(added, "privacy.agenda.eventsKept")];
}

/** True when no occurrence of the event touches `at` or anything after it. */
export function isOverBefore(event: AgendaEvent, at: number): boolean {
  if (event.rrule === null) return event.endsAt < at;
  return nextOccurrence(event, at) === undefined && occurrencesBetween(event, at, at + 1).length === 0;
}

/** The agenda's share of a member's data: their RSVPs and the events they added. */
export const agendaPersonalData: PersonalDataPart = {
  key: "agenda",
  describe({ language, retention }) {
    return t(language, "privacy.agenda.describe", { days: retention.pastEventsDays });
  },
  collect({ stores, userId, timeZone }) {
    const { events, answers } = stores.agenda;
    return {
      answers: answers.ofMember(userId).flatMap((answer) => {
        const event = events.get(answer.eventId);
        if (event === undefined) return [];
        return [
          {
            room: roomRef(stores, event.roomId),
            event: event.number,
            title: event.title,
            startsAt: isoTime(event.startsAt, event.timeZone),
            answer: answer.answer,
            answeredAt: isoTime(answer.answeredAt, timeZone),
            via: answer.byReaction ? "reaction" : "date poll choice",
          },
        ];
      }),
      eventsAdded: events.createdByMember(userId).map((event) => ({
        room: roomRef(stores, event.roomId),
        event: event.number,
        title: event.title,
        startsAt: isoTime(event.startsAt, event.timeZone),
        status: event.status,
        addedAt: isoTime(event.createdAt, timeZone),
      })),
    };
  },
  preview(scope) {
    return effects(answeredEvents(scope), scope.stores.agenda.events.createdByMember(scope.userId).length);
  },
  erase({ stores, userId, now }) {
    const { answers, announcements, events } = stores.agenda;
    const changed = answers.eraseMember(userId);
    // The live editor picks these up after the command commits: counts drop on each announcement.
    for (const eventId of changed) announcements.markDirty(eventId, now);
    return effects(changed.length, events.forgetCreator(userId));
  },
  purge(stores, now, retention) {
    const cutoff = now - retention.pastEventsDays * DAY_MS;
    // The index on ends_at narrows to events whose first date is old; a repeating one must also have no date left.
    for (const event of stores.agenda.events.firstEndedBefore(cutoff)) {
      if (isOverBefore(event, cutoff)) stores.agenda.events.purge(event.id);
    }
  },
};
