// One room: its events in timeline order (no DAG: this server is the only one), the current
// state, a relations index, and each user's membership history (needed for sync and visibility).
import { MatrixError } from "./errors.ts";
import { newEventId } from "./ids.ts";
import { effectivePowerLevels, type PowerLevels } from "./power-levels.ts";
import { redactContent } from "./redaction.ts";
import type { Stream } from "./stream.ts";
import { isJsonObject, type JsonObject, type Membership } from "./types.ts";

export interface EventDraft {
  type: string;
  sender: string;
  content: JsonObject;
  stateKey?: string | undefined;
  redacts?: string | undefined;
  txn?: { deviceKey: string; txnId: string } | undefined;
}

export interface StoredEvent {
  readonly eventId: string;
  readonly roomId: string;
  readonly type: string;
  readonly sender: string;
  readonly stateKey: string | undefined;
  /** Replaced by the redacted content when the event is redacted. */
  content: JsonObject;
  readonly originServerTs: number;
  readonly redacts: string | undefined;
  readonly streamPos: number;
  /** Position in the room's timeline. */
  readonly index: number;
  /** The state event this one replaced, for `unsigned.prev_content`. */
  readonly replacesStateId: string | undefined;
  readonly txn: { deviceKey: string; txnId: string } | undefined;
  redactedBecause: StoredEvent | undefined;
}

/** Spec "Size limits": an event, in its federation form, may not exceed 65536 bytes. */
const MAX_EVENT_BYTES = 65_536;
/**
 * What the federation form adds to the client form (auth/prev event IDs, hashes, signatures,
 * depth): a conservative estimate, so that an event refused by Synapse is refused here too.
 */
const PDU_OVERHEAD_BYTES = 600;

export const stateMapKey = (type: string, stateKey: string): string => `${type}\u0000${stateKey}`;

export function relationOf(content: JsonObject): { relType: string; eventId: string } | undefined {
  const relation = content["m.relates_to"];
  if (!isJsonObject(relation)) return undefined;
  const relType = relation["rel_type"];
  const eventId = relation["event_id"];
  return typeof relType === "string" && typeof eventId === "string" ? { relType, eventId } : undefined;
}

export class Room {
  readonly events: StoredEvent[] = [];
  /** Directory visibility (spec: createRoom `visibility`, /directory/list/room). */
  published = false;
  readonly joined = new Set<string>();
  readonly invited = new Set<string>();
  private readonly byId = new Map<string, StoredEvent>();
  private readonly currentState = new Map<string, StoredEvent>();
  private readonly children = new Map<string, StoredEvent[]>();
  private readonly memberLog = new Map<string, StoredEvent[]>();

  constructor(
    readonly roomId: string,
    readonly version: string,
    private readonly stream: Stream,
    private readonly onAppended: (room: Room, event: StoredEvent) => void,
  ) {}

  get lastStreamPos(): number {
    return this.events.at(-1)?.streamPos ?? 0;
  }

  get creator(): string | undefined {
    return this.state("m.room.create")?.sender;
  }

  event(eventId: string): StoredEvent | undefined {
    return this.byId.get(eventId);
  }

  state(type: string, stateKey = ""): StoredEvent | undefined {
    return this.currentState.get(stateMapKey(type, stateKey));
  }

  stateEvents(): IterableIterator<StoredEvent> {
    return this.currentState.values();
  }

  powerLevels(): PowerLevels {
    return effectivePowerLevels(this.state("m.room.power_levels")?.content, this.creator);
  }

  membership(userId: string): Membership | undefined {
    return membershipOf(this.state("m.room.member", userId));
  }

  /** The user's member events, oldest first. */
  memberEvents(userId: string): readonly StoredEvent[] {
    return this.memberLog.get(userId) ?? [];
  }

  /** Users in order of their first membership event (spec: heroes are "ordered by stream ordering"). */
  memberUserIds(): IterableIterator<string> {
    return this.memberLog.keys();
  }

  membershipAt(userId: string, position: number): Membership | undefined {
    const log = this.memberEvents(userId);
    for (let i = log.length - 1; i >= 0; i--) {
      const event = log[i];
      if (event && event.streamPos <= position) return membershipOf(event);
    }
    return undefined;
  }

  /** True when the user was not joined at `position`, or left and came back after it. */
  joinedSince(userId: string, position: number): boolean {
    if (this.membershipAt(userId, position) !== "join") return true;
    const log = this.memberEvents(userId);
    for (let i = log.length - 1; i >= 0; i--) {
      const event = log[i];
      if (!event || event.streamPos <= position) break;
      if (membershipOf(event) !== "join") return true;
    }
    return false;
  }

  /**
   * How far the user may read the timeline (exclusive index): everything while joined; up to
   * their departure once they left or were kicked or banned; nothing if they never joined.
   * History visibility is treated as `shared`, the value every createRoom preset sets.
   */
  readableUntil(userId: string): number | undefined {
    if (this.membership(userId) === "join") return this.events.length;
    const log = this.memberEvents(userId);
    for (let i = log.length - 1; i > 0; i--) {
      const event = log[i];
      if (event && membershipOf(log[i - 1]) === "join") return event.index + 1;
    }
    return undefined;
  }

  /** First timeline index whose stream position is after `position` (binary search). */
  indexAfter(position: number): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.events[middle]?.streamPos ?? Infinity) <= position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** State just before the event at `index`, found by undoing later state events: O(events after it). */
  stateBefore(index: number): Map<string, StoredEvent> {
    const state = new Map(this.currentState);
    for (let i = this.events.length - 1; i >= index; i--) {
      const event = this.events[i];
      if (event?.stateKey === undefined) continue;
      const previous = event.replacesStateId === undefined ? undefined : this.byId.get(event.replacesStateId);
      const key = stateMapKey(event.type, event.stateKey);
      if (previous) state.set(key, previous);
      else state.delete(key);
    }
    return state;
  }

  /** Events relating to `parentId` (spec: "Relationships"), oldest first. */
  childrenOf(parentId: string): readonly StoredEvent[] {
    return this.children.get(parentId) ?? [];
  }

  /** Appends an already authorised event. */
  append(draft: EventDraft): StoredEvent {
    const content = structuredClone(draft.content);
    const clientForm = { type: draft.type, sender: draft.sender, state_key: draft.stateKey, content, room_id: this.roomId };
    if (Buffer.byteLength(JSON.stringify(clientForm)) + PDU_OVERHEAD_BYTES > MAX_EVENT_BYTES) {
      throw new MatrixError(413, "M_TOO_LARGE", "event too large"); // Synapse: event_auth._check_size_limits
    }
    const key = draft.stateKey === undefined ? undefined : stateMapKey(draft.type, draft.stateKey);
    const replaced = key === undefined ? undefined : this.currentState.get(key);
    const event: StoredEvent = {
      eventId: newEventId(),
      roomId: this.roomId,
      type: draft.type,
      sender: draft.sender,
      stateKey: draft.stateKey,
      content,
      originServerTs: this.stream.timestamp(),
      redacts: draft.redacts,
      streamPos: this.stream.next(),
      index: this.events.length,
      replacesStateId: replaced?.eventId,
      txn: draft.txn,
      redactedBecause: undefined,
    };
    this.events.push(event);
    this.byId.set(event.eventId, event);
    if (key !== undefined) this.currentState.set(key, event);
    if (event.type === "m.room.member" && event.stateKey !== undefined) this.trackMember(event.stateKey, event);
    const relation = relationOf(content);
    if (relation) appendTo(this.children, relation.eventId, event);
    this.onAppended(this, event);
    return event;
  }

  /** Applies a redaction: the content is pruned in place and the event leaves the relations index. */
  redact(target: StoredEvent, redaction: StoredEvent): void {
    const relation = relationOf(target.content);
    if (relation) {
      this.children.set(relation.eventId, this.childrenOf(relation.eventId).filter((e) => e !== target));
    }
    target.content = redactContent(this.version, target.type, target.content);
    target.redactedBecause ??= redaction;
  }

  private trackMember(userId: string, event: StoredEvent): void {
    appendTo(this.memberLog, userId, event);
    const membership = membershipOf(event);
    this.joined.delete(userId);
    this.invited.delete(userId);
    if (membership === "join") this.joined.add(userId);
    if (membership === "invite") this.invited.add(userId);
  }
}

function appendTo(index: Map<string, StoredEvent[]>, key: string, event: StoredEvent): void {
  const list = index.get(key);
  if (list) list.push(event);
  else index.set(key, [event]);
}

export function membershipOf(event: StoredEvent | undefined): Membership | undefined {
  const membership = event?.content["membership"];
  return typeof membership === "string" ? (membership as Membership) : undefined;
}
