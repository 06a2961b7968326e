import { TEST_SETTINGS, commandContext } from "../support/command-context.ts";
import type { CommandContext } from "../../src/dispatch/command.ts";
import type { Stores } from "../../storage/index.ts";
import { memoryStores } from "../support/memory-stores.ts";

export const STAFF_ROOM = "!equipe:minou.test";
export const KARIM = "@karim:minou.test";
export const SOPHIE = "@sophie:minou.test";

/**
 * A centre with a staff room and four other joined rooms: two tagged associations, an untagged
 * one that is encrypted (a target like the others: Minou encrypts what it sends there) and a
 * member's DM with Minou (not a target).
 */
export function centreStores(): Stores {
  const stores = memoryStores();
  const join = (roomId: string, name: string): void => {
    stores.rooms.recordJoin(roomId, 0);
    stores.rooms.setName(roomId, name);
  };
  join(STAFF_ROOM, "Équipe du centre");
  join("!chorale:minou.test", "Chorale des Tilleuls");
  join("!ados:minou.test", "Club ados");
  join("!jardins:minou.test", "Jardins partagés");
  join("!dm:minou.test", "Minou");
  stores.rooms.setTags("!chorale:minou.test", ["culture"]);
  stores.rooms.setTags("!ados:minou.test", ["jeunesse", "sport"]);
  stores.rooms.recordEncrypted("!jardins:minou.test");
  stores.directRooms.record("@camille:minou.test", "!dm:minou.test", 0);
  return stores;
}

/** A staff member typing in the staff room (or `roomId`), at FIXED_NOW unless `now` is given. */
export function staffContext(stores: Stores, options: { userId?: string; now?: number; roomId?: string; staffRoom?: string | null } = {}): CommandContext {
  const base = commandContext({ stores, level: "staff", userId: options.userId ?? KARIM, ...(options.now === undefined ? {} : { now: options.now }) });
  // commandContext joins its own room: not one of this centre's.
  stores.rooms.recordLeave(base.room.roomId, 0);
  const staffRoom = options.staffRoom === undefined ? STAFF_ROOM : options.staffRoom;
  return {
    ...base,
    room: { ...base.room, roomId: options.roomId ?? STAFF_ROOM, name: "Équipe du centre" },
    settings: { ...TEST_SETTINGS, ...(staffRoom === null ? {} : { staffRoom }) },
  };
}
