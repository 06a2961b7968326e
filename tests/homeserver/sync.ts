// GET /sync (spec: data/api/client-server/sync.yaml). Work is proportional to the rooms that
// concern the user and the events returned, never to the whole history.
import { deviceKey, type Session } from "./accounts.ts";
import { toStrippedState, toSyncEvent } from "./client-events.ts";
import type { HomeserverCore } from "./core.ts";
import { DEFAULT_TIMELINE_LIMIT, roomIncluded, type SyncFilter } from "./filters.ts";
import { stateMapKey, type Room, type StoredEvent } from "./room.ts";
import type { JsonObject, SyncEvent } from "./types.ts";

export interface SyncParams {
  session: Session;
  since: number | undefined;
  /** How far the device acknowledged its to-device messages (below `since` after a capped batch). */
  sinceToDevice: number | undefined;
  fullState: boolean;
  filter: SyncFilter;
}

interface Section {
  state: { events: SyncEvent[] };
  timeline: { events: SyncEvent[]; limited: boolean; prev_batch: string };
}

/** Pagination and sync tokens are stream positions: "s<pos>" (see stream.ts). */
export const streamToken = (position: number): string => `s${position}`;

/**
 * A sync token is "s<pos>", or "s<pos>_<to-device pos>" when the to-device batch was capped
 * (Synapse's to_device_key then lags behind the rest of its token, so the rest comes next time).
 */
export const syncToken = (position: number, toDevice: number): string =>
  toDevice < position ? `s${position}_${toDevice}` : streamToken(position);

export function parseSyncToken(token: string): { position: number; toDevice: number } | undefined {
  const match = /^s(\d+)(?:_(\d+))?$/.exec(token);
  if (match?.[1] === undefined) return undefined;
  const position = Number(match[1]);
  return { position, toDevice: Math.min(position, match[2] === undefined ? position : Number(match[2])) };
}

export function parseStreamToken(token: string): number | undefined {
  return parseSyncToken(token)?.position;
}

/** Types shown to invitees (spec: "Stripped state", recommended event types). */
const INVITE_STATE_TYPES = [
  "m.room.create",
  "m.room.join_rules",
  "m.room.name",
  "m.room.avatar",
  "m.room.topic",
  "m.room.canonical_alias",
  "m.room.encryption",
];

export function buildSync(core: HomeserverCore, params: SyncParams): JsonObject {
  const { session, since } = params;
  const nextBatch = core.stream.current;
  const join: Record<string, JsonObject> = {};
  const invite: Record<string, JsonObject> = {};
  const leave: Record<string, JsonObject> = {};
  for (const room of core.rooms.roomsOf(session.userId)) {
    if (!roomIncluded(params.filter, room.roomId)) continue;
    const membership = room.membership(session.userId);
    let section: JsonObject | undefined;
    if (membership === "join") {
      section = joinedRoom(core, room, params);
      if (section) join[room.roomId] = section;
    } else if (membership === "invite") {
      section = invitedRoom(room, session.userId, since);
      if (section) invite[room.roomId] = section;
    } else if (membership === "leave" || membership === "ban") {
      section = leftRoom(core, room, params);
      if (section) leave[room.roomId] = section;
    }
  }
  const toDevice = core.toDevice.pending(session, params.sinceToDevice ?? 0, nextBatch);
  const response: JsonObject = {
    next_batch: syncToken(nextBatch, toDevice.through),
    account_data: { events: core.accounts.accountDataSince(session.userId, undefined, since) },
    presence: { events: [] },
    rooms: { join, invite, leave, knock: {} },
  };
  // Synapse leaves out an empty to_device and device_lists; an initial sync has no device_lists.
  if (toDevice.events.length > 0) response["to_device"] = { events: toDevice.events };
  if (since !== undefined) {
    const deviceLists = core.deviceLists.forSync(session.userId, since);
    const lists: JsonObject = {};
    if (deviceLists.changed.length > 0) lists["changed"] = deviceLists.changed;
    if (deviceLists.left.length > 0) lists["left"] = deviceLists.left;
    if (Object.keys(lists).length > 0) response["device_lists"] = lists;
  }
  // Always present, even at 0 (Synapse: element-android#3725); the fallback key types under both
  // the stable and the MSC2732 name.
  response["device_one_time_keys_count"] = core.e2eKeys.oneTimeKeyCounts(session.userId, session.deviceId);
  const fallbackTypes = core.e2eKeys.unusedFallbackKeyTypes(session.userId, session.deviceId);
  response["org.matrix.msc2732.device_unused_fallback_key_types"] = fallbackTypes;
  response["device_unused_fallback_key_types"] = [...fallbackTypes];
  return response;
}

function joinedRoom(core: HomeserverCore, room: Room, params: SyncParams): JsonObject | undefined {
  const { session, since, fullState } = params;
  const accountData = core.accounts.accountDataSince(session.userId, room.roomId, since);
  const limit = params.filter.timeline.limit ?? DEFAULT_TIMELINE_LIMIT;
  const end = room.events.length;
  const receipts = core.receipts.ephemeralEvent(room.roomId, session.userId, since);
  // The cheap test first: most rooms of a long-polling bot have nothing new.
  if (since !== undefined && !fullState && room.lastStreamPos <= since && accountData.length === 0 && !receipts) return undefined;
  const section =
    since === undefined || room.joinedSince(session.userId, since)
      ? // Initial sync, or a room joined since the last sync: the client gets it whole.
        timelineSection(room, session, { rangeStart: 0, end, limit, fullState: true, since })
      : timelineSection(room, session, { rangeStart: room.indexAfter(since), end, limit, fullState, since });
  return {
    summary: wantsSummary(params, section, since === undefined || room.joinedSince(session.userId, since)) ? summary(room, session.userId) : {},
    ...section,
    ephemeral: { events: receipts ? [receipts] : [] },
    account_data: { events: accountData },
    unread_notifications: core.notifications.unreadCounts(room, session.userId),
  };
}

function invitedRoom(room: Room, userId: string, since: number | undefined): JsonObject | undefined {
  const inviteEvent = room.state("m.room.member", userId);
  if (!inviteEvent || (since !== undefined && inviteEvent.streamPos <= since)) return undefined;
  const stripped: StoredEvent[] = [];
  for (const type of INVITE_STATE_TYPES) {
    const event = room.state(type);
    if (event) stripped.push(event);
  }
  const inviter = room.state("m.room.member", inviteEvent.sender);
  if (inviter && inviter !== inviteEvent) stripped.push(inviter);
  stripped.push(inviteEvent);
  return { invite_state: { events: stripped.map(toStrippedState) } };
}

function leftRoom(core: HomeserverCore, room: Room, params: SyncParams): JsonObject | undefined {
  const { session, since } = params;
  const departure = room.state("m.room.member", session.userId);
  if (!departure) return undefined;
  if (since === undefined ? !params.filter.includeLeave : departure.streamPos <= since) return undefined;
  const readable = room.readableUntil(session.userId);
  const viewer = deviceKey(session);
  const accountData = { events: core.accounts.accountDataSince(session.userId, room.roomId, since) };
  if (readable === undefined || readable <= departure.index) {
    // Never joined (a rejected invite, a ban before joining): only their own membership event.
    const timeline = { events: [toSyncEvent(room, departure, viewer)], limited: false, prev_batch: streamToken(departure.streamPos - 1) };
    return { state: { events: [] }, timeline, account_data: accountData };
  }
  const limit = params.filter.timeline.limit ?? DEFAULT_TIMELINE_LIMIT;
  const rangeStart = since === undefined ? 0 : room.indexAfter(since);
  const wasJoined = since !== undefined && room.membershipAt(session.userId, since) === "join";
  const section = timelineSection(room, session, {
    rangeStart,
    end: readable,
    limit,
    fullState: params.fullState || !wasJoined,
    since,
  });
  return { ...section, account_data: accountData };
}

interface SectionOptions {
  /** First index the client has not seen. */
  rangeStart: number;
  /** Exclusive end of what the user may see. */
  end: number;
  limit: number;
  fullState: boolean;
  since: number | undefined;
}

/**
 * The last `limit` events of [rangeStart, end) as the timeline; `state` is the state at the start
 * of the timeline — whole, or only what changed in the gap the timeline skipped (spec: `state`
 * covers "between the time indicated by since, and the start of the timeline").
 */
function timelineSection(room: Room, session: Session, options: SectionOptions): Section {
  const { rangeStart, end, limit } = options;
  const timelineStart = Math.max(rangeStart, end - limit);
  const stateAtStart = room.stateBefore(timelineStart);
  let stateEvents: StoredEvent[];
  if (options.fullState) {
    stateEvents = [...stateAtStart.values()];
  } else {
    const firstSeen = new Map<string, string | undefined>();
    for (let i = rangeStart; i < timelineStart; i++) {
      const event = room.events[i];
      if (event?.stateKey === undefined) continue;
      const key = stateMapKey(event.type, event.stateKey);
      if (!firstSeen.has(key)) firstSeen.set(key, event.replacesStateId);
    }
    stateEvents = [];
    for (const [key, before] of firstSeen) {
      const atStart = stateAtStart.get(key);
      if (atStart && atStart.eventId !== before) stateEvents.push(atStart);
    }
  }
  const viewer = deviceKey(session);
  const first = room.events[timelineStart];
  const prevBatch =
    first && timelineStart < end ? first.streamPos - 1 : (room.events[end - 1]?.streamPos ?? options.since ?? 0);
  return {
    state: { events: stateEvents.map((event) => toSyncEvent(room, event, viewer)) },
    timeline: {
      events: room.events.slice(timelineStart, end).map((event) => toSyncEvent(room, event, viewer)),
      limited: timelineStart > rangeStart,
      prev_batch: streamToken(prevBatch),
    },
  };
}

/**
 * Synapse 1.67 (handlers/sync.py, _generate_room_entry) fills the summary only for a client that
 * lazy-loads members, and then only when the timeline has a membership change, a gappy timeline
 * has one in its state, or the room is new to this sync; otherwise `summary` is `{}`.
 */
function wantsSummary(params: SyncParams, section: Section, whole: boolean): boolean {
  if (!params.filter.lazyLoadMembers) return false;
  if (whole) return true;
  const isMember = (event: SyncEvent): boolean => event.type === "m.room.member";
  return section.timeline.events.some(isMember) || (section.timeline.limited && section.state.events.some(isMember));
}

/** Spec RoomSummary: heroes are the first five other joined or invited members. */
function summary(room: Room, userId: string): JsonObject {
  const heroes: string[] = [];
  const departed: string[] = [];
  for (const member of room.memberUserIds()) {
    if (member === userId) continue;
    if (room.joined.has(member) || room.invited.has(member)) heroes.push(member);
    else departed.push(member);
  }
  return {
    "m.heroes": (heroes.length > 0 ? heroes : departed).slice(0, 5),
    "m.joined_member_count": room.joined.size,
    "m.invited_member_count": room.invited.size,
  };
}
