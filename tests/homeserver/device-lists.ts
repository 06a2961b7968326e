// Device-list changes in the server's single stream ordering, and who must hear of them: /sync
// `device_lists` (synapse/handlers/sync.py _generate_sync_entry_for_device_list) and
// GET /keys/changes (synapse/handlers/device.py get_user_ids_changed), as in Synapse 1.67.
import { membershipOf, type Room, type StoredEvent } from "./room.ts";
import type { Rooms } from "./rooms.ts";
import type { Stream } from "./stream.ts";

interface Change {
  readonly position: number;
  readonly userId: string;
  /**
   * Set for a signature `onlyFor` made on `userId`'s keys (Synapse's user_signature_stream):
   * only the signer sees those signatures, so only the signer is told.
   */
  readonly onlyFor: string | undefined;
}

export interface DeviceListUpdates {
  readonly changed: string[];
  readonly left: string[];
}

export class DeviceLists {
  private readonly changes: Change[] = [];

  constructor(
    private readonly stream: Stream,
    private readonly rooms: Rooms,
  ) {}

  /**
   * A user's devices, device keys or cross-signing keys changed (Synapse: notify_device_update).
   * It wakes the user and everyone in a room they are joined to.
   */
  devicesChanged(userId: string): void {
    const position = this.stream.next();
    this.changes.push({ position, userId, onlyFor: undefined });
    const concerned = new Set([userId]);
    for (const room of this.joinedRooms(userId)) for (const member of room.joined) concerned.add(member);
    this.stream.touch(concerned, position);
  }

  /** `signer` signed these users' master keys (Synapse: notify_user_signature_update). */
  signaturesChanged(signer: string, targets: readonly string[]): void {
    if (targets.length === 0) return;
    const position = this.stream.next();
    for (const userId of targets) this.changes.push({ position, userId, onlyFor: signer });
    this.stream.touch([signer], position);
  }

  /**
   * `device_lists` of an incremental sync. `changed`: users sharing a joined room whose devices
   * changed (and the user's own), everyone in a room the user joined since, everyone who joined,
   * was invited or knocked in their rooms, and users whose keys they signed. `left`: users who
   * left a room of theirs, or were in a room they left, and share no joined room with them now.
   */
  forSync(userId: string, since: number): DeviceListUpdates {
    const myRooms = this.joinedRooms(userId);
    const sharing = new Set<string>();
    for (const room of myRooms) for (const member of room.joined) sharing.add(member);
    const changed = new Set<string>();
    for (const change of this.changesAfter(since)) {
      if (change.onlyFor !== undefined ? change.onlyFor === userId : change.userId === userId || sharing.has(change.userId)) {
        changed.add(change.userId);
      }
    }
    const arrived = new Set<string>();
    const departed = new Set<string>();
    for (const room of myRooms) {
      const events = room.joinedSince(userId, since) ? room.stateEvents() : room.events.slice(room.indexAfter(since));
      for (const event of events) classifyMember(room, event, arrived, departed);
    }
    for (const member of arrived) {
      changed.add(member);
      departed.delete(member);
    }
    for (const room of this.roomsLeftSince(userId, since)) for (const member of room.joined) departed.add(member);
    return { changed: [...changed], left: [...departed].filter((member) => !sharing.has(member)) };
  }

  /**
   * GET /keys/changes. Synapse 1.67 ignores `to` ("may return spurious extra results"): changes
   * after `from` up to now. Membership changes count too: all members of a room the user joined
   * or left since `from`, and members whose membership changed in their rooms.
   */
  changesSince(userId: string, from: number): DeviceListUpdates {
    const myRooms = this.joinedRooms(userId);
    const myRoomIds = new Set(myRooms.map((room) => room.roomId));
    const possiblyChanged = new Set<string>();
    const possiblyLeft = new Set<string>();
    for (const change of this.changesAfter(from)) {
      if (change.onlyFor !== undefined) continue;
      if (change.userId === userId || myRooms.some((room) => room.joined.has(change.userId))) possiblyChanged.add(change.userId);
    }
    for (const room of this.rooms.roomsOf(userId)) {
      const ownChange = room.memberEvents(userId).some((event) => event.streamPos > from);
      if (room.lastStreamPos <= from && !ownChange) continue;
      const members = [...room.stateEvents()].filter((event) => event.type === "m.room.member");
      if (!myRoomIds.has(room.roomId)) {
        for (const event of members) possiblyLeft.add(event.stateKey ?? "");
      } else if (room.joinedSince(userId, from)) {
        for (const event of members) possiblyChanged.add(event.stateKey ?? "");
      } else {
        for (const event of members) if (event.streamPos > from && event.stateKey !== userId) possiblyChanged.add(event.stateKey ?? "");
      }
    }
    const changed: string[] = [];
    const left: string[] = [];
    for (const member of new Set([...possiblyChanged, ...possiblyLeft])) {
      const shares = myRooms.some((room) => room.joined.has(member));
      if (shares && possiblyChanged.has(member)) changed.push(member);
      if (!shares) left.push(member);
    }
    return { changed, left };
  }

  private joinedRooms(userId: string): Room[] {
    return this.rooms.roomsOf(userId).filter((room) => room.membership(userId) === "join");
  }

  /** Rooms the user is no longer joined to and whose membership they changed after `since`. */
  private roomsLeftSince(userId: string, since: number): Room[] {
    return this.rooms.roomsOf(userId).filter((room) => {
      const membership = room.membership(userId);
      if (membership !== "leave" && membership !== "ban") return false;
      return room.membershipAt(userId, since) === "join";
    });
  }

  /** Changes after `position` (binary search: the log is in stream order). */
  private changesAfter(position: number): Change[] {
    let low = 0;
    let high = this.changes.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.changes[middle]?.position ?? Infinity) <= position) low = middle + 1;
      else high = middle;
    }
    return this.changes.slice(low);
  }
}

/** Synapse's calculate_user_changes: joins, invites and knocks arrive; leaving after a join departs. */
function classifyMember(room: Room, event: StoredEvent, arrived: Set<string>, departed: Set<string>): void {
  if (event.type !== "m.room.member" || event.stateKey === undefined) return;
  const membership = membershipOf(event);
  if (membership === "join" || membership === "invite" || membership === "knock") {
    arrived.add(event.stateKey);
    return;
  }
  const previous = event.replacesStateId === undefined ? undefined : room.event(event.replacesStateId);
  if (membershipOf(previous) === "join") departed.add(event.stateKey);
}
