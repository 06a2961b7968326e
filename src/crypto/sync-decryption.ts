import type { Stores } from "../../storage/index.ts";
import type { MatrixEvent } from "../../storage/inbound-events-store.ts";
import type { Logger } from "../log.ts";
import type { RoomSection, SyncResponse } from "../pipeline/sync-intake.ts";
import type { OlmEngine } from "./olm-engine.ts";

/** Set (in `unsigned`) on an encrypted event that will never be readable, with the reason. */
export const UNDECRYPTABLE = "fr.chatons.minou.undecryptable";

/**
 * The sync answer with its encrypted timeline events replaced by their clear form. An event whose
 * room key has not come yet stays encrypted (the intake keeps it until the key arrives); one that
 * can never be read is marked so. Minou's own events and history are not worth decrypting.
 */
export async function decryptSync(sync: SyncResponse, engine: OlmEngine, botUserId: string, initial: boolean, log: Logger): Promise<SyncResponse> {
  const joined = sync.rooms?.join;
  if (initial || joined === undefined) return sync;
  const rooms: Record<string, RoomSection> = {};
  for (const [roomId, room] of Object.entries(joined)) {
    const timeline = room.timeline?.events ?? [];
    const missed = room.missed ?? [];
    if (!timeline.some(isEncrypted) && !missed.some(isEncrypted)) {
      rooms[roomId] = room;
      continue;
    }
    const open = async (events: readonly MatrixEvent[]): Promise<MatrixEvent[]> => {
      const out: MatrixEvent[] = [];
      for (const event of events) out.push(isEncrypted(event) && event.sender !== botUserId ? await readable(engine, roomId, event, log) : event);
      return out;
    };
    rooms[roomId] = {
      ...room,
      ...(room.timeline === undefined ? {} : { timeline: { ...room.timeline, events: await open(timeline) } }),
      ...(room.missed === undefined ? {} : { missed: await open(missed) }),
    };
  }
  return { ...sync, rooms: { ...sync.rooms, join: rooms } };
}

async function readable(engine: OlmEngine, roomId: string, event: MatrixEvent, log: Logger): Promise<MatrixEvent> {
  const result = await engine.decrypt(roomId, event);
  if (result.kind === "decrypted") return result.event;
  if (result.kind === "awaitingKey") return event;
  log.warn("encrypted event not readable, left unanswered", { roomId, eventId: event.event_id, sender: event.sender, reason: result.reason });
  return { ...event, unsigned: { ...event.unsigned, [UNDECRYPTABLE]: result.reason } };
}

const isEncrypted = (event: MatrixEvent): boolean => event.type === "m.room.encrypted";

/**
 * Opens the encrypted events that were waiting for their room key, each taking its place in the
 * inbox; gives up (logged, never answered) on those still closed after `maxWaitMs`.
 * Resolves to the number of events that became readable.
 */
export async function openAwaitingEvents(stores: Stores, engine: OlmEngine, now: () => number, maxWaitMs: number, log: Logger): Promise<number> {
  let opened = 0;
  for (const item of stores.inbound.awaitingKey()) {
    const result = await engine.decrypt(item.roomId, item.event);
    if (result.kind === "decrypted") {
      if (stores.inbound.decrypted(result.event)) opened += 1;
      continue;
    }
    if (result.kind === "awaitingKey" && now() - item.since < maxWaitMs) continue;
    stores.inbound.markHandled(item.eventId, "undecryptable", now());
    log.warn("encrypted event never became readable, left unanswered", { roomId: item.roomId, eventId: item.eventId, sender: item.event.sender, reason: result.reason });
  }
  return opened;
}
