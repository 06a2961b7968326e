import type { Stores } from "../../storage/index.ts";
import type { RoomRecord } from "../../storage/rooms-store.ts";
import { roomLabel } from "./model.ts";

export interface TargetRoom {
  readonly roomId: string;
  readonly name: string;
}

export interface Targets {
  /** In the order they will be served: by name, so the preview and the report read alike. */
  readonly rooms: readonly TargetRoom[];
  /** Among `rooms`, those where Minou knows it lacks the power to pin. */
  readonly cannotPin: readonly TargetRoom[];
  /** Among `rooms`, those where Minou knows its "@room" pings nobody (power `notifications.room`). */
  readonly cannotMentionRoom: readonly TargetRoom[];
}

const byName = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

function asTarget(room: RoomRecord): TargetRoom {
  return { roomId: room.roomId, name: roomLabel(room) };
}

/**
 * The association rooms an announcement goes to: every room Minou has joined except the staff
 * room and the members' direct-message rooms (whoever opened them), encrypted or not, narrowed to
 * those carrying at least one of `tags` ("#culture #jeunesse": the cultural associations and the
 * youth ones).
 */
export function announcementTargets(stores: Stores, staffRoomId: string, tags: readonly string[]): Targets {
  const associations = stores.rooms
    .associationRooms()
    .filter((room) => room.roomId !== staffRoomId)
    .filter((room) => tags.length === 0 || tags.some((tag) => room.tags.includes(tag)))
    .sort((a, b) => byName.compare(roomLabel(a), roomLabel(b)) || a.roomId.localeCompare(b.roomId));
  return {
    rooms: associations.map(asTarget),
    cannotPin: associations.filter((room) => room.missingPowers.includes("pin")).map(asTarget),
    cannotMentionRoom: associations.filter((room) => room.missingPowers.includes("room-mention")).map(asTarget),
  };
}

/** The tags of `tags` that no joined room carries (a typo, or a tag not given yet). */
export function unknownTags(stores: Stores, tags: readonly string[]): string[] {
  const known = new Set(stores.rooms.knownTags());
  return tags.filter((tag) => !known.has(tag));
}
