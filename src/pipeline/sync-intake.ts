import type { Stores } from "../../storage/index.ts";
import type { MatrixEvent } from "../../storage/inbound-events-store.ts";
import type { SyncCryptoChanges } from "../crypto/olm-engine.ts";
import { UNDECRYPTABLE } from "../crypto/sync-decryption.ts";
import { displayNameKey, memberEventName } from "../matrix/display-names.ts";
import { canMentionRoom, canRedactOthers, canSendState, parsePowerLevels } from "../matrix/power-levels.ts";
import type { RoomStateCache } from "./room-state.ts";

interface StrippedEvent {
  readonly type: string;
  readonly state_key?: string;
  readonly sender: string;
  readonly content: Record<string, unknown>;
}

export interface RoomSection {
  readonly state?: { readonly events?: readonly MatrixEvent[] };
  readonly timeline?: { readonly events?: readonly MatrixEvent[]; readonly limited?: boolean; readonly prev_batch?: string };
  readonly invite_state?: { readonly events?: readonly StrippedEvent[] };
  readonly summary?: { readonly "m.joined_member_count"?: number };
  /** Not from the homeserver: events the gap filler fetched from before `timeline` (oldest first). */
  readonly missed?: readonly MatrixEvent[];
}

/** The parts of a /sync answer Minou reads (spec: GET /_matrix/client/v3/sync). */
export interface SyncResponse extends SyncCryptoChanges {
  readonly next_batch: string;
  /** Minou's own global account data; its filter asks only for `m.direct`. */
  readonly account_data?: { readonly events?: readonly { readonly type: string; readonly content?: unknown }[] };
  readonly rooms?: {
    readonly join?: Readonly<Record<string, RoomSection>>;
    readonly invite?: Readonly<Record<string, RoomSection>>;
    readonly leave?: Readonly<Record<string, RoomSection>>;
  };
}

export interface SyncIntakeDependencies {
  readonly stores: Stores;
  readonly botUserId: string;
  readonly roomState: RoomStateCache;
  readonly now: () => number;
  /** What the features do when Minou is out of a room, in the same transaction. */
  readonly roomLeft?: (roomId: string, at: number) => void;
}

/**
 * A member's direct-message room with Minou is not an association room. It is one when Minou
 * opened it, when the invite that brought Minou (or that Minou sent) said `is_direct: true` — as
 * Element and other clients do when they start a DM — or when Minou's own `m.direct` account data
 * lists it. Two members and no name prove nothing: a new association room where only its founder
 * has invited Minou so far looks the same.
 */
export function markDirectRooms(stores: Stores, directContent: unknown): void {
  if (typeof directContent !== "object" || directContent === null) return;
  for (const roomIds of Object.values(directContent)) {
    if (!Array.isArray(roomIds)) continue;
    for (const roomId of roomIds) if (typeof roomId === "string") stores.rooms.markDirect(roomId);
  }
}

/**
 * Writes each sync answer to the database in one transaction, together with its next_batch
 * token: the events to handle (the durable inbox), the rooms' membership, names and encryption.
 * The token therefore never moves past an event that is not safely stored.
 */
export class SyncIntake {
  constructor(private readonly deps: SyncIntakeDependencies) {}

  ingest(sync: SyncResponse): void {
    const { stores } = this.deps;
    stores.transaction(() => {
      // Without a token this is the first sync ever: its timeline is history, never commands.
      const initial = stores.botState.getSyncToken() === null;
      for (const [roomId, room] of Object.entries(sync.rooms?.join ?? {})) this.joined(roomId, room, initial);
      for (const [roomId, room] of Object.entries(sync.rooms?.invite ?? {})) this.invited(roomId, room);
      for (const [roomId, room] of Object.entries(sync.rooms?.leave ?? {})) this.left(roomId, room);
      // After the rooms, so that a room this answer brings is already known.
      for (const event of sync.account_data?.events ?? []) if (event.type === "m.direct") markDirectRooms(stores, event.content);
      stores.botState.recordSyncToken(sync.next_batch);
    });
  }

  private joined(roomId: string, room: RoomSection, initial: boolean): void {
    const { stores, botUserId, now } = this.deps;
    const missed = room.missed ?? [];
    const timeline = [...missed, ...(room.timeline?.events ?? [])];
    // Oldest first, so the newest value of each state wins: the gap came before `state`.
    const stateEvents = [
      ...missed.filter((event) => event.state_key !== undefined),
      ...(room.state?.events ?? []),
      ...(room.timeline?.events ?? []).filter((event) => event.state_key !== undefined),
    ];
    let ownJoinAt: number | undefined;
    for (const event of stateEvents) {
      if (event.type === "m.room.member" && event.state_key === botUserId && event.content["membership"] === "join") {
        ownJoinAt = event.origin_server_ts;
      }
    }
    stores.rooms.recordJoin(roomId, ownJoinAt ?? now());
    for (const event of stateEvents) this.applyState(roomId, event);
    // Synapse 1.67 sends the room summary only to clients that lazy-load members, which Minou does
    // not: a membership change makes the count unknown, and a job asks the homeserver for it.
    const members = room.summary?.["m.joined_member_count"];
    if (typeof members === "number") stores.rooms.setMemberCount(roomId, members);
    else if (stateEvents.some((event) => event.type === "m.room.member")) stores.rooms.setMemberCount(roomId, null);

    const joinedAt = stores.rooms.get(roomId)?.joinedAt ?? 0;
    const receivedAt = now();
    let lastActivity: number | undefined;
    for (const event of timeline) {
      if (event.sender === botUserId) {
        // Kept (as handled) so that filling a timeline gap can stop at Minou's own messages too.
        stores.inbound.recordSkipped(roomId, event, receivedAt, "own");
        continue;
      }
      if (initial || event.origin_server_ts < joinedAt) {
        stores.inbound.recordSkipped(roomId, event, receivedAt, "history");
        continue;
      }
      // Still encrypted after decryption: its room key has not arrived yet, or it never will.
      if (event.type === "m.room.encrypted") {
        if (event.unsigned?.[UNDECRYPTABLE] !== undefined) stores.inbound.recordSkipped(roomId, event, receivedAt, "undecryptable");
        else stores.inbound.recordAwaitingKey(roomId, event, receivedAt);
        continue;
      }
      stores.inbound.record(roomId, event, receivedAt);
      lastActivity = event.origin_server_ts;
    }
    if (lastActivity !== undefined) stores.rooms.recordActivity(roomId, lastActivity);
  }

  private applyState(roomId: string, event: MatrixEvent): void {
    const { stores, roomState } = this.deps;
    if (event.type === "m.room.member" && event.state_key !== undefined) {
      // State, so in clear even in an encrypted room: Element's names come from these events.
      const name = memberEventName(event.content);
      const membership = typeof event.content["membership"] === "string" ? event.content["membership"] : "leave";
      stores.roomMembers.record(roomId, event.state_key, membership, name, name === null ? null : displayNameKey(name));
      // The invite that opened a DM, between Minou and the member, whichever of them sent it.
      const involvesMinou = event.sender === this.deps.botUserId || event.state_key === this.deps.botUserId;
      if (involvesMinou && event.content["is_direct"] === true) {
        stores.rooms.markDirect(roomId);
        // A DM the member opened is where Minou writes to them too, rather than opening another.
        const member = event.sender === this.deps.botUserId ? event.state_key : event.sender;
        if (member !== this.deps.botUserId && stores.directRooms.roomOf(member) === undefined) stores.directRooms.record(member, roomId, this.deps.now());
      }
    }
    if (event.state_key !== "") return;
    switch (event.type) {
      case "m.room.power_levels": {
        roomState.setPowerLevels(roomId, event.content);
        const levels = parsePowerLevels(event.content);
        const missing = [
          ...(canSendState(levels, this.deps.botUserId, "m.room.pinned_events") ? [] : ["pin"]),
          ...(canRedactOthers(levels, this.deps.botUserId) ? [] : ["redact"]),
          ...(canMentionRoom(levels, this.deps.botUserId) ? [] : ["room-mention"]),
        ];
        stores.rooms.setMissingPowers(roomId, missing);
        break;
      }
      case "m.room.name":
        stores.rooms.setName(roomId, typeof event.content["name"] === "string" ? event.content["name"] : null);
        break;
      case "m.room.encryption":
        stores.rooms.recordEncrypted(roomId);
        break;
    }
  }

  private invited(roomId: string, room: RoomSection): void {
    const state = room.invite_state?.events ?? [];
    const invite = state.find(
      (event) =>
        event.type === "m.room.member" && event.state_key === this.deps.botUserId && event.content["membership"] === "invite",
    );
    if (invite === undefined) return;
    const nameEvent = state.find((event) => event.type === "m.room.name" && event.state_key === "");
    const name = typeof nameEvent?.content["name"] === "string" ? nameEvent.content["name"] : null;
    this.deps.stores.rooms.recordInvite(roomId, invite.sender, name, invite.content["is_direct"] === true);
  }

  private left(roomId: string, room: RoomSection): void {
    const own = (room.timeline?.events ?? []).findLast(
      (event) => event.type === "m.room.member" && event.state_key === this.deps.botUserId,
    );
    this.deps.stores.rooms.recordLeave(roomId, own?.origin_server_ts ?? this.deps.now());
    this.deps.roomLeft?.(roomId, this.deps.now());
    this.deps.roomState.forget(roomId);
  }
}
