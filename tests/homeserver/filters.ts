// Filters (spec: "Filtering", definitions/sync_filter.yaml and room_event_filter.yaml).
import type { Account, Accounts } from "./accounts.ts";
import { badJson, invalidParam, notJson } from "./errors.ts";
import { isJsonObject, type JsonObject } from "./types.ts";

export interface EventFilter {
  limit: number | undefined;
  types: string[] | undefined;
  notTypes: string[];
  senders: string[] | undefined;
  notSenders: string[];
  containsUrl: boolean | undefined;
}

export interface SyncFilter {
  timeline: EventFilter;
  /** room.state.lazy_load_members: the client asks for the room summary (Synapse sends it only then). */
  lazyLoadMembers: boolean;
  includeLeave: boolean;
  rooms: string[] | undefined;
  notRooms: string[];
}

/** Synapse's timeline limit when the filter sets none. */
export const DEFAULT_TIMELINE_LIMIT = 10;

function stringList(value: unknown, path: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw badJson(`${path} must be an array of strings`);
  }
  return value;
}

function objectAt(value: unknown, path: string): JsonObject {
  if (value === undefined) return {};
  if (!isJsonObject(value)) throw badJson(`${path} must be an object`);
  return value;
}

export function parseEventFilter(value: unknown, path = "filter"): EventFilter {
  const filter = objectAt(value, path);
  const limit = filter["limit"];
  if (limit !== undefined && (!Number.isInteger(limit) || (limit as number) < 0)) {
    throw badJson(`${path}.limit must be a non-negative integer`);
  }
  const containsUrl = filter["contains_url"];
  return {
    limit: limit as number | undefined,
    types: stringList(filter["types"], `${path}.types`),
    notTypes: stringList(filter["not_types"], `${path}.not_types`) ?? [],
    senders: stringList(filter["senders"], `${path}.senders`),
    notSenders: stringList(filter["not_senders"], `${path}.not_senders`) ?? [],
    containsUrl: typeof containsUrl === "boolean" ? containsUrl : undefined,
  };
}

/** Validates a whole filter definition (POST /user/{userId}/filter answers 400 M_BAD_JSON otherwise). */
export function parseSyncFilter(definition: JsonObject): SyncFilter {
  const room = objectAt(definition["room"], "room");
  for (const key of ["state", "ephemeral", "account_data"]) parseEventFilter(room[key], `room.${key}`);
  for (const key of ["presence", "account_data"]) parseEventFilter(definition[key], key);
  return {
    timeline: parseEventFilter(room["timeline"], "room.timeline"),
    lazyLoadMembers: objectAt(room["state"], "room.state")["lazy_load_members"] === true,
    includeLeave: room["include_leave"] === true,
    rooms: stringList(room["rooms"], "room.rooms"),
    notRooms: stringList(room["not_rooms"], "room.not_rooms") ?? [],
  };
}

/** The `filter` query parameter of /sync: a filter ID, or inline JSON when it starts with `{`. */
export function resolveSyncFilter(param: string | null, accounts: Accounts, account: Account): SyncFilter {
  if (param === null || param === "") return parseSyncFilter({});
  if (param.startsWith("{")) {
    let definition: unknown;
    try {
      definition = JSON.parse(param);
    } catch {
      throw notJson("Invalid filter JSON");
    }
    if (!isJsonObject(definition)) throw badJson("filter must be a JSON object");
    return parseSyncFilter(definition);
  }
  const stored = accounts.filter(account, param);
  if (!stored) throw invalidParam(`No filter with ID ${param}`);
  return parseSyncFilter(stored);
}

export function parseFilterParam(param: string | null): EventFilter {
  if (param === null || param === "") return parseEventFilter({});
  let value: unknown;
  try {
    value = JSON.parse(param);
  } catch {
    throw invalidParam("filter is not valid JSON");
  }
  return parseEventFilter(value);
}

const globCache = new Map<string, RegExp>();

/** Spec: "A '*' can be used as a wildcard to match any sequence of characters." */
function globMatches(pattern: string, value: string): boolean {
  if (!pattern.includes("*")) return pattern === value;
  let regex = globCache.get(pattern);
  if (!regex) {
    regex = new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    globCache.set(pattern, regex);
  }
  return regex.test(value);
}

export function eventMatches(filter: EventFilter, event: { type: string; sender: string; content: JsonObject }): boolean {
  if (filter.notTypes.some((p) => globMatches(p, event.type))) return false;
  if (filter.types && !filter.types.some((p) => globMatches(p, event.type))) return false;
  if (filter.notSenders.includes(event.sender)) return false;
  if (filter.senders && !filter.senders.includes(event.sender)) return false;
  if (filter.containsUrl !== undefined && (typeof event.content["url"] === "string") !== filter.containsUrl) return false;
  return true;
}

export function roomIncluded(filter: SyncFilter, roomId: string): boolean {
  if (filter.notRooms.includes(roomId)) return false;
  return filter.rooms === undefined || filter.rooms.includes(roomId);
}
