import type { MemberScope } from "../../src/privacy/personal-data.ts";
import type { Stores } from "../../storage/index.ts";
import type { AgendaEvent } from "../../src/agenda/model.ts";
import type { Poll } from "../../src/polls/model.ts";
import { memoryStores } from "../support/memory-stores.ts";

export const ROOM = "!asso:x";
export const CAMILLE = "@camille:x";
export const DOMINIQUE = "@dominique:x";
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Thursday 26 November 2026, 10:00 in Paris. */
export const NOW = Date.UTC(2026, 10, 26, 9, 0);

export function storesWithRoom(): Stores {
  const stores = memoryStores();
  stores.rooms.recordJoin(ROOM, 0);
  stores.rooms.setName(ROOM, "Les Jardins partagés");
  return stores;
}

export function scopeOf(stores: Stores, userId = CAMILLE, now = NOW): MemberScope {
  return { stores, userId, now, language: "fr", timeZone: "Europe/Paris", messaging: { language: "fr", prefix: "!" } };
}

export function addEvent(stores: Stores, title: string, startsAt: number, options: { createdBy?: string; rrule?: string | null; roomId?: string } = {}): AgendaEvent {
  return stores.agenda.events.create(
    {
      roomId: options.roomId ?? ROOM, uid: `${title}@test`, title, location: null, description: null, startsAt, endsAt: startsAt + HOUR, allDay: false,
      timeZone: "Europe/Paris", rrule: options.rrule ?? null, createdBy: options.createdBy ?? DOMINIQUE,
    },
    NOW - 30 * DAY,
  );
}

export function addPoll(stores: Stores, kind: "question" | "dates", options: { createdBy?: string; anonymous?: boolean; startEventId?: string | null; createdAt?: number } = {}): Poll {
  return stores.polls.polls.create(
    {
      roomId: ROOM, kind, question: kind === "dates" ? "Réunion de rentrée" : "Quel jour ?", disclosed: true, anonymous: options.anonymous ?? false,
      code: options.anonymous === true ? "K7Q2MX" : null, external: false, createdBy: options.createdBy ?? DOMINIQUE, deadline: null, timeZone: "Europe/Paris",
      startEventId: options.startEventId === undefined ? (kind === "question" ? "$start" : null) : options.startEventId,
      options: [
        { position: 1, answerId: "a1", label: "Lundi", startsAt: kind === "dates" ? NOW + 5 * DAY : null, endsAt: kind === "dates" ? NOW + 5 * DAY + HOUR : null, allDay: false },
        { position: 2, answerId: "a2", label: "Mardi", startsAt: kind === "dates" ? NOW + 6 * DAY : null, endsAt: kind === "dates" ? NOW + 6 * DAY + HOUR : null, allDay: false },
      ],
    },
    options.createdAt ?? NOW - DAY,
  );
}

/** Direct messages queued so far, as "user: body", marking them sent. */
export function directMessages(stores: Stores): string[] {
  const messages: string[] = [];
  for (let next = stores.outbox.nextForRoom(""); next !== undefined; next = stores.outbox.nextForRoom("")) {
    messages.push(`${next.targetUser ?? ""}: ${String(next.content["body"])}`);
    stores.outbox.markSent(next.id, "$x", 0);
  }
  return messages;
}
