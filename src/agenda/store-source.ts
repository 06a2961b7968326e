import type { Stores } from "../../storage/index.ts";
import type { Language } from "../i18n/language.ts";
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
    publicEvents: () => stores.agenda.events.publicEvents(),
    version: (roomId) => (roomId === null ? stores.agenda.events.publicVersion() : stores.agenda.events.version(roomId)),
  };
}
