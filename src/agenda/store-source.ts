import type { Stores } from "../../storage/index.ts";
import type { Language } from "../i18n/language.ts";
import { sessionAsAgendaEvent } from "../trainings/as-agenda-event.ts";
import type { AgendaSource } from "./feed-routes.ts";

/** The feeds' and pages' view of the agenda stores. */
export function storeAgendaSource(stores: Stores, defaults: { language: Language; timeZone: string }): AgendaSource {
  return {
    roomForToken(token) {
      const roomId = stores.agenda.feedTokens.roomFor(token);
      const room = roomId === undefined ? undefined : stores.rooms.get(roomId);
      if (room === undefined) return undefined;
      return { roomId: room.roomId, name: room.name, language: room.language ?? defaults.language, timeZone: room.timeZone ?? defaults.timeZone };
    },
    roomEvents: (roomId) => stores.agenda.events.inRoom(roomId),
    // The centre's public agenda: events marked public, and every training session.
    publicEvents: () => [
      ...stores.agenda.events.publicEvents(),
      ...stores.trainings.trainings.all().map((session) => sessionAsAgendaEvent(session, stores.trainings.trainings.counts(session), defaults.language)),
    ],
    organisers: () => new Map(stores.rooms.associationRooms().flatMap((room) => {
      const name = room.associationName ?? room.name;
      return name === null ? [] : [[room.roomId, name] as const];
    })),
    version: (roomId) =>
      roomId === null ? `${stores.agenda.events.publicVersion()}/${stores.trainings.trainings.version()}` : stores.agenda.events.version(roomId),
  };
}
