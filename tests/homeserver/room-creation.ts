// POST /createRoom (spec: create_room.yaml), in the order the spec prescribes, with Synapse's
// default power levels and per-preset overrides.
import type { Session } from "./accounts.ts";
import { DEFAULT_ROOM_VERSION, SUPPORTED_ROOM_VERSIONS, type HomeserverCore } from "./core.ts";
import { MatrixError, badJson, invalidParam } from "./errors.ts";
import { isUserId } from "./ids.ts";
import type { EventDraft, Room } from "./room.ts";
import { isJsonObject, type JsonObject } from "./types.ts";
import { requireEncodable } from "./unencodable.ts";

interface Preset {
  readonly joinRule: string;
  readonly guestAccess: string;
  /** "All invitees are given the same power level as the room creator." */
  readonly inviteesAreAdmins: boolean;
  /** Synapse lets anyone invite in private rooms. */
  readonly powerLevelOverride: JsonObject;
}

const PRESETS: Record<string, Preset> = {
  private_chat: { joinRule: "invite", guestAccess: "can_join", inviteesAreAdmins: false, powerLevelOverride: { invite: 0 } },
  trusted_private_chat: { joinRule: "invite", guestAccess: "can_join", inviteesAreAdmins: true, powerLevelOverride: { invite: 0 } },
  public_chat: { joinRule: "public", guestAccess: "forbidden", inviteesAreAdmins: false, powerLevelOverride: {} },
};

/** Synapse's default m.room.power_levels content for a new room (synapse/handlers/room.py). */
function defaultPowerLevels(creator: string): JsonObject {
  return {
    users: { [creator]: 100 },
    users_default: 0,
    events: {
      "m.room.name": 50,
      "m.room.power_levels": 100,
      "m.room.history_visibility": 100,
      "m.room.canonical_alias": 50,
      "m.room.avatar": 50,
      "m.room.tombstone": 100,
      "m.room.server_acl": 100,
      "m.room.encryption": 100,
    },
    events_default: 0,
    state_default: 50,
    ban: 50,
    kick: 50,
    redact: 50,
    invite: 50,
  };
}

interface InitialStateEvent {
  type: string;
  stateKey: string;
  content: JsonObject;
}

function parseInitialState(value: unknown): InitialStateEvent[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badJson("initial_state must be an array");
  return value.map((item: unknown, i) => {
    if (!isJsonObject(item) || typeof item["type"] !== "string" || !isJsonObject(item["content"])) {
      throw badJson(`initial_state[${i}] needs a type and a content object`);
    }
    const stateKey = item["state_key"] ?? "";
    if (typeof stateKey !== "string") throw badJson(`initial_state[${i}].state_key must be a string`);
    return { type: item["type"], stateKey, content: item["content"] };
  });
}

function parseRequest(body: JsonObject) {
  const visibility = body["visibility"] ?? "private";
  if (visibility !== "public" && visibility !== "private") throw invalidParam("visibility must be public or private");
  const presetName = body["preset"] ?? (visibility === "public" ? "public_chat" : "private_chat");
  const preset = typeof presetName === "string" ? PRESETS[presetName] : undefined;
  if (!preset) throw invalidParam(`Unknown preset ${String(presetName)}`);
  const invite = body["invite"] ?? [];
  if (!Array.isArray(invite) || !invite.every(isUserId)) throw invalidParam("invite must be a list of user IDs");
  const version = body["room_version"] ?? DEFAULT_ROOM_VERSION;
  if (typeof version !== "string" || !(SUPPORTED_ROOM_VERSIONS as readonly string[]).includes(version)) {
    throw new MatrixError(400, "M_UNSUPPORTED_ROOM_VERSION", `Room version ${String(version)} is not supported`);
  }
  for (const key of ["creation_content", "power_level_content_override"] as const) {
    if (body[key] !== undefined && !isJsonObject(body[key])) throw badJson(`${key} must be an object`);
  }
  for (const key of ["name", "topic", "room_alias_name"] as const) {
    if (body[key] !== undefined && typeof body[key] !== "string") throw badJson(`${key} must be a string`);
  }
  return {
    visibility,
    preset,
    invite: [...new Set(invite)],
    version,
    initialState: parseInitialState(body["initial_state"]),
    creationContent: (body["creation_content"] ?? {}) as JsonObject,
    powerLevelOverride: body["power_level_content_override"] as JsonObject | undefined,
    name: body["name"] as string | undefined,
    topic: body["topic"] as string | undefined,
    aliasName: body["room_alias_name"] as string | undefined,
    isDirect: body["is_direct"] === true,
  };
}

export function createRoom(core: HomeserverCore, session: Session, body: JsonObject): { room: Room; alias: string | undefined } {
  // Synapse's create_room counts one rc_message action before it even reads the request
  // (handlers/room.py); the creator's join below costs another, and a join.
  core.rateLimits.message(session.userId);
  const request = parseRequest(body);
  const creator = session.userId;
  const alias = request.aliasName === undefined ? undefined : `#${request.aliasName}:${core.serverName}`;
  if (request.aliasName !== undefined && /[\s:#]/.test(request.aliasName)) {
    throw invalidParam("room_alias_name must be a bare localpart");
  }
  if (alias !== undefined && core.rooms.resolveAlias(alias) !== undefined) {
    throw new MatrixError(400, "M_ROOM_IN_USE", "Room alias already taken");
  }
  core.rateLimits.checkInvitesAtCreation(creator, request.invite.length);
  const createContent: JsonObject = { ...request.creationContent, room_version: request.version };
  // Synapse then has a room ID with no event (nobody sees it); this server has nothing.
  requireEncodable(createContent);
  const room = core.rooms.create(request.version);
  // Room v11 dropped `creator` from the create event (spec: rooms/v11).
  if (request.version === "11") delete createContent["creator"];
  else createContent["creator"] = creator;
  // Steps 1 and 2 bootstrap the room: the auth rules allow the creator's first join.
  room.append({ type: "m.room.create", sender: creator, stateKey: "", content: createContent });
  const send = (draft: Omit<EventDraft, "sender">): void => void core.rooms.send(room, { ...draft, sender: creator });
  try {
    // The creator's join goes through update_membership with ratelimit=True. When it is refused,
    // Synapse answers 429 and leaves a room nobody joined; this server drops it.
    core.rateLimits.join(creator, room.roomId);
    core.rateLimits.message(creator);
    room.append(core.rooms.prepareMember({ type: "m.room.member", sender: creator, stateKey: creator, content: { membership: "join" } }));
    const initial = request.initialState;
    const has = (type: string): boolean => initial.some((e) => e.type === type && e.stateKey === "");
    // Step 3: Synapse sends a power_levels event from initial_state in place of the default one.
    const initialPowerLevels = initial.find((e) => e.type === "m.room.power_levels" && e.stateKey === "");
    const powerLevels = initialPowerLevels?.content ?? defaultPowerLevels(creator);
    if (!initialPowerLevels && request.preset.inviteesAreAdmins) {
      for (const invitee of request.invite) (powerLevels["users"] as Record<string, number>)[invitee] = 100;
    }
    const presetOverride = initialPowerLevels ? {} : request.preset.powerLevelOverride;
    send({ type: "m.room.power_levels", stateKey: "", content: { ...powerLevels, ...presetOverride, ...request.powerLevelOverride } });
    // Step 4.
    if (alias !== undefined) {
      core.rooms.setAlias(alias, room.roomId);
      if (!has("m.room.canonical_alias")) send({ type: "m.room.canonical_alias", stateKey: "", content: { alias } });
    }
    // Step 5: preset events, unless initial_state overrides them.
    if (!has("m.room.join_rules")) send({ type: "m.room.join_rules", stateKey: "", content: { join_rule: request.preset.joinRule } });
    if (!has("m.room.history_visibility")) {
      send({ type: "m.room.history_visibility", stateKey: "", content: { history_visibility: "shared" } });
    }
    if (!has("m.room.guest_access")) send({ type: "m.room.guest_access", stateKey: "", content: { guest_access: request.preset.guestAccess } });
    // Step 6.
    for (const event of initial) if (event !== initialPowerLevels) send({ ...event });
    // Step 7.
    if (request.name !== undefined) send({ type: "m.room.name", stateKey: "", content: { name: request.name } });
    if (request.topic !== undefined) {
      const topic = { "m.text": [{ mimetype: "text/plain", body: request.topic }] };
      send({ type: "m.room.topic", stateKey: "", content: { topic: request.topic, "m.topic": topic } });
    }
    // Step 8.
    for (const invitee of request.invite) {
      const content: JsonObject = { membership: "invite" };
      if (request.isDirect) content["is_direct"] = true;
      send({ type: "m.room.member", stateKey: invitee, content });
    }
  } catch (error) {
    if (error instanceof MatrixError && error.status === 500) {
      // A lone surrogate (unencodable.ts): Synapse answers 500 and keeps the room as far as it
      // got, the creator joined, its alias and directory entry set; the later events and the
      // invites never happen (seen on a running 1.67).
      room.published = request.visibility === "public";
      throw error;
    }
    core.rooms.discard(room);
    if (error instanceof MatrixError && error.status === 403) {
      // Spec: an initial state the creator may not set is M_INVALID_ROOM_STATE.
      throw new MatrixError(400, "M_INVALID_ROOM_STATE", error.message);
    }
    throw error;
  }
  room.published = request.visibility === "public";
  return { room, alias };
}
