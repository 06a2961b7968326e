// The server's rooms: lookup, aliases, which rooms concern each user, the send pipeline
// (authorise, deduplicate, append) and transaction-ID idempotency.
import { authorize } from "./auth-rules.ts";
import { MatrixError, forbidden, notFound } from "./errors.ts";
import { newRoomId } from "./ids.ts";
import { userLevel } from "./power-levels.ts";
import { Room, type EventDraft, type StoredEvent } from "./room.ts";
import type { Stream } from "./stream.ts";
import type { JsonObject } from "./types.ts";
import { requireEncodable } from "./unencodable.ts";

export interface Profile {
  readonly displayname: string | undefined;
  readonly avatarUrl: string | undefined;
}

export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly aliases = new Map<string, string>();
  private readonly roomsByUser = new Map<string, Set<string>>();
  private readonly transactions = new Map<string, string>();
  /** Told of each event as it is stored, before the request that sent it is answered (push rules; benchmarks time bots with it). */
  readonly appendListeners = new Set<(room: Room, event: StoredEvent) => void>();
  /** Told of each join of a user who was not joined before (Synapse's notify_user_joined_room). */
  readonly joinListeners = new Set<(room: Room, event: StoredEvent) => void>();

  constructor(
    readonly serverName: string,
    private readonly stream: Stream,
    private readonly profileOf: (userId: string) => Profile | undefined,
  ) {}

  create(version: string): Room {
    const room = new Room(newRoomId(this.serverName), version, this.stream, (r, e) => this.appended(r, e));
    this.rooms.set(room.roomId, room);
    return room;
  }

  /** Drops a room whose creation failed half-way (createRoom answers 400 and leaves nothing behind). */
  discard(room: Room): void {
    this.rooms.delete(room.roomId);
    for (const userId of room.memberUserIds()) this.roomsByUser.get(userId)?.delete(room.roomId);
    for (const [alias, roomId] of this.aliases) if (roomId === room.roomId) this.aliases.delete(alias);
  }

  get(roomId: string): Room | undefined {
    return this.rooms.get(roomId);
  }

  require(roomId: string): Room {
    const room = this.rooms.get(roomId);
    if (!room) throw notFound(`Unknown room ${roomId}`);
    return room;
  }

  all(): IterableIterator<Room> {
    return this.rooms.values();
  }

  /** Rooms where the user has any membership they have not forgotten. */
  roomsOf(userId: string): Room[] {
    const rooms: Room[] = [];
    for (const roomId of this.roomsByUser.get(userId) ?? []) {
      const room = this.rooms.get(roomId);
      if (room) rooms.push(room);
    }
    return rooms;
  }

  /** Spec POST /rooms/{roomId}/forget: the room no longer appears in the user's syncs. */
  forget(userId: string, roomId: string): void {
    this.roomsByUser.get(userId)?.delete(roomId);
  }

  setAlias(alias: string, roomId: string): void {
    if (this.aliases.has(alias)) throw new MatrixError(409, "M_UNKNOWN", `Room alias ${alias} already exists`);
    this.aliases.set(alias, roomId);
  }

  resolveAlias(alias: string): string | undefined {
    return this.aliases.get(alias);
  }

  deleteAlias(alias: string): boolean {
    return this.aliases.delete(alias);
  }

  /**
   * Authorises and appends an event. Like Synapse, an identical state event from the same sender
   * is not sent twice: the current one is returned instead. `beforePersist` runs once the event
   * is deduplicated and authorised, where Synapse counts it against rc_message (it may throw).
   * A lone surrogate fails first, with 500, as Synapse fails when it hashes the event it builds,
   * before the auth rules and the size limit.
   */
  send(room: Room, proposed: EventDraft, beforePersist?: () => void): StoredEvent {
    requireEncodable(proposed.content, proposed.stateKey);
    const draft = this.prepareMember(proposed);
    if (draft.stateKey !== undefined) {
      const current = room.state(draft.type, draft.stateKey);
      if (current?.sender === draft.sender && canonicalJson(current.content) === canonicalJson(draft.content)) {
        return current;
      }
    }
    authorize(room, draft);
    beforePersist?.();
    return room.append(draft);
  }

  /**
   * PUT /rooms/{roomId}/redact, with Synapse's checks: the create event cannot be redacted, and
   * below the `redact` level a user may only redact their own events, which must exist.
   */
  redact(room: Room, sender: string, eventId: string, content: JsonObject, txn: EventDraft["txn"], beforePersist?: () => void): StoredEvent {
    requireEncodable(content);
    const target = room.event(eventId);
    if (target?.type === "m.room.create") throw forbidden("Redacting create events is not permitted");
    const draft: EventDraft = {
      type: "m.room.redaction",
      sender,
      content: { ...content, redacts: eventId },
      redacts: eventId,
      txn,
    };
    authorize(room, draft);
    const levels = room.powerLevels();
    if (userLevel(levels, sender) < levels.redact) {
      if (!target) throw notFound(`Could not find event ${eventId}`);
      if (target.sender !== sender) throw forbidden("You don't have permission to redact events");
    }
    beforePersist?.();
    const redaction = room.append(draft);
    if (target) room.redact(target, redaction);
    return redaction;
  }

  /**
   * Spec "Transaction identifiers": a retried request with the same transaction ID from the same
   * device gets the first answer back and has no second effect.
   */
  idempotent(key: string, perform: () => string): string {
    const known = this.transactions.get(key);
    if (known !== undefined) return known;
    const eventId = perform();
    this.transactions.set(key, eventId);
    return eventId;
  }

  /**
   * Synapse adds the target's global displayname and avatar to join, invite and knock events
   * that do not carry their own.
   */
  prepareMember(draft: EventDraft): EventDraft {
    const membership = draft.content["membership"];
    if (draft.type !== "m.room.member" || draft.stateKey === undefined) return draft;
    if (membership !== "join" && membership !== "invite" && membership !== "knock") return draft;
    const profile = this.profileOf(draft.stateKey);
    if (!profile) return draft;
    const content = { ...draft.content };
    if (!("displayname" in content) && profile.displayname !== undefined) content["displayname"] = profile.displayname;
    if (!("avatar_url" in content) && profile.avatarUrl !== undefined) content["avatar_url"] = profile.avatarUrl;
    return { ...draft, content };
  }

  private appended(room: Room, event: StoredEvent): void {
    const concerned = new Set(room.joined);
    if (event.type === "m.room.member" && event.stateKey !== undefined) {
      concerned.add(event.stateKey);
      const rooms = this.roomsByUser.get(event.stateKey) ?? new Set<string>();
      rooms.add(room.roomId);
      this.roomsByUser.set(event.stateKey, rooms);
    }
    this.stream.touch(concerned, event.streamPos);
    for (const listener of this.appendListeners) listener(room, event);
    if (event.type === "m.room.member" && event.content["membership"] === "join") {
      const previous = event.replacesStateId === undefined ? undefined : room.event(event.replacesStateId);
      if (previous?.content["membership"] !== "join") for (const listener of this.joinListeners) listener(room, event);
    }
  }
}

/** Key-sorted JSON, enough to compare contents the way Synapse compares canonical JSON. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
