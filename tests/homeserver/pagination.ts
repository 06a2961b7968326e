// Paginated reads of a room's timeline: /messages, /context and /relations (spec:
// message_pagination.yaml, event_context.yaml, relations.yaml). Tokens are stream positions:
// "s<pos>" lies after every event with a position <= pos.
import { toClientEvent } from "./client-events.ts";
import { forbidden, invalidParam, notFound } from "./errors.ts";
import { eventMatches, type EventFilter } from "./filters.ts";
import type { Room, StoredEvent } from "./room.ts";
import { parseStreamToken, streamToken } from "./sync.ts";
import type { ClientEvent, JsonObject } from "./types.ts";

export type Direction = "b" | "f";

export interface Page {
  from: string | undefined;
  to: string | undefined;
  dir: Direction;
  limit: number;
}

export function parseToken(token: string | undefined, name: string): number | undefined {
  if (token === undefined) return undefined;
  const position = parseStreamToken(token);
  if (position === undefined) throw invalidParam(`Invalid ${name} token`);
  return position;
}

export function readableEnd(room: Room, userId: string): number {
  const end = room.readableUntil(userId);
  if (end === undefined) throw forbidden(`User ${userId} not in room ${room.roomId}`);
  return end;
}

interface Walked {
  chunk: StoredEvent[];
  /** Token just past the last event examined, to continue in the same direction. */
  next: string | undefined;
  /** No candidate is left in that direction (or the `to` token was reached). */
  exhausted: boolean;
}

/** Walks `candidates` (sorted by position) from the `from` token in the page's direction. */
function walk(candidates: readonly StoredEvent[], page: Page, keep: (event: StoredEvent) => boolean): Walked {
  const from = parseToken(page.from, "from");
  const to = parseToken(page.to, "to");
  const backwards = page.dir === "b";
  const chunk: StoredEvent[] = [];
  let last: StoredEvent | undefined;
  const step = backwards ? -1 : 1;
  let i = backwards ? candidates.length - 1 : 0;
  const inRange = (index: number): boolean => index >= 0 && index < candidates.length;
  const beforeFrom = (event: StoredEvent): boolean =>
    from !== undefined && (backwards ? event.streamPos > from : event.streamPos <= from);
  while (inRange(i) && beforeFrom(candidates[i] as StoredEvent)) i += step;
  let exhausted = false;
  for (; inRange(i) && chunk.length < page.limit; i += step) {
    const event = candidates[i] as StoredEvent;
    if (to !== undefined && (backwards ? event.streamPos <= to : event.streamPos > to)) {
      exhausted = true;
      break;
    }
    last = event;
    if (keep(event)) chunk.push(event);
  }
  exhausted ||= !inRange(i);
  const next = last === undefined ? undefined : streamToken(backwards ? last.streamPos - 1 : last.streamPos);
  return { chunk, next, exhausted };
}

/** GET /rooms/{roomId}/messages */
export function messages(room: Room, userId: string, viewer: string, page: Page, filter: EventFilter): JsonObject {
  const end = readableEnd(room, userId);
  const visible = end === room.events.length ? room.events : room.events.slice(0, end);
  const { chunk, next, exhausted } = walk(visible, page, (event) => eventMatches(filter, event));
  const start = page.from ?? streamToken(page.dir === "b" ? (visible.at(-1)?.streamPos ?? 0) : 0);
  const response: JsonObject = { chunk: chunk.map((event) => toClientEvent(room, event, viewer)), start };
  // Spec: `end` is omitted when there are no further events backwards; forwards, the live end
  // of the timeline keeps growing, so (like Synapse) a token is given whenever events came back.
  if (next !== undefined && (page.dir === "f" || !exhausted)) response["end"] = next;
  return response;
}

export function visibleEvent(room: Room, userId: string, eventId: string): StoredEvent {
  const end = readableEnd(room, userId);
  const event = room.event(eventId);
  if (!event || event.index >= end) throw notFound("Event not found.");
  return event;
}

/** GET /rooms/{roomId}/context/{eventId}: `limit` events split around the event. */
export function context(room: Room, userId: string, viewer: string, eventId: string, limit: number): JsonObject {
  const event = visibleEvent(room, userId, eventId);
  const end = readableEnd(room, userId);
  const beforeCount = Math.floor(limit / 2);
  const before = room.events.slice(Math.max(0, event.index - beforeCount), event.index).reverse();
  const after = room.events.slice(event.index + 1, Math.min(end, event.index + 1 + (limit - beforeCount)));
  const serialise = (e: StoredEvent): ClientEvent => toClientEvent(room, e, viewer);
  const lastShown = after.at(-1) ?? event;
  return {
    event: serialise(event),
    events_before: before.map(serialise),
    events_after: after.map(serialise),
    start: streamToken((before.at(-1) ?? event).streamPos - 1),
    end: streamToken(lastShown.streamPos),
    state: [...room.stateBefore(lastShown.index + 1).values()].map(serialise),
  };
}

export interface RelationsQuery {
  relType: string | undefined;
  eventType: string | undefined;
  recurse: boolean;
}

/** Depth to which `recurse=true` follows relations (spec recommends at least 3). */
const RECURSION_DEPTH = 3;

/** GET /_matrix/client/v1/rooms/{roomId}/relations/{eventId}[/{relType}[/{eventType}]] */
export function relations(
  room: Room,
  userId: string,
  viewer: string,
  parentId: string,
  query: RelationsQuery,
  page: Page,
): JsonObject {
  visibleEvent(room, userId, parentId);
  const end = readableEnd(room, userId);
  let children = [...room.childrenOf(parentId)];
  if (query.recurse) {
    let frontier = children;
    for (let depth = 1; depth < RECURSION_DEPTH && frontier.length > 0; depth++) {
      frontier = frontier.flatMap((child) => room.childrenOf(child.eventId));
      children.push(...frontier);
    }
    children = [...new Set(children)].sort((a, b) => a.index - b.index);
  }
  const candidates = children.filter((event) => event.index < end);
  const { chunk, next, exhausted } = walk(candidates, page, (event) => {
    const relType = (event.content["m.relates_to"] as JsonObject | undefined)?.["rel_type"];
    return (query.relType === undefined || relType === query.relType) &&
      (query.eventType === undefined || event.type === query.eventType);
  });
  const response: JsonObject = { chunk: chunk.map((event) => toClientEvent(room, event, viewer)) };
  if (next !== undefined && !exhausted) response["next_batch"] = next;
  if (page.from !== undefined) response["prev_batch"] = page.from;
  if (query.recurse) response["recursion_depth"] = RECURSION_DEPTH;
  return response;
}
