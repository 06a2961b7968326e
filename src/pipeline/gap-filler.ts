import type { Stores } from "../../storage/index.ts";
import type { MatrixEvent } from "../../storage/inbound-events-store.ts";
import type { Logger } from "../log.ts";
import { withRetry, type RetryPolicy } from "../matrix/retry.ts";
import type { MatrixTransport } from "../matrix/transport.ts";
import type { RoomSection, SyncResponse } from "./sync-intake.ts";

const PAGE = 100;
/** Beyond this, older missed events are given up (and logged) rather than fetched for ever. */
const MAX_EVENTS_PER_ROOM = 2_000;

/**
 * A sync timeline marked `limited` skipped events (spec: "Syncing", limited/prev_batch). Before
 * the sync is stored, the missing ones are fetched with /messages until an event Minou already
 * has, or the moment it joined, so that no command typed while it was away is lost.
 */
export async function fillTimelineGaps(
  sync: SyncResponse,
  stores: Stores,
  transport: MatrixTransport,
  retryPolicy: RetryPolicy,
  log: Logger,
): Promise<SyncResponse> {
  const joined = sync.rooms?.join;
  if (joined === undefined || stores.botState.getSyncToken() === null) return sync;
  let filled: Record<string, RoomSection> | undefined;
  for (const [roomId, room] of Object.entries(joined)) {
    const timeline = room.timeline;
    if (timeline?.limited !== true || timeline.prev_batch === undefined) continue;
    const joinedAt = stores.rooms.get(roomId)?.joinedAt;
    if (joinedAt === undefined || joinedAt === null) continue;
    let missed: MatrixEvent[];
    try {
      missed = await fetchMissed(roomId, timeline.prev_batch, joinedAt, stores, transport, retryPolicy, log);
    } catch (error) {
      // Stopping: nothing of this answer is stored, it comes again at the next start.
      if (retryPolicy.signal?.aborted === true) throw error;
      // One room whose history cannot be read must not hold back every other room's events
      // (this answer would otherwise be asked for again and again).
      log.warn("timeline gap not filled, older events of this room are skipped", { roomId, error });
      continue;
    }
    if (missed.length === 0) continue;
    filled ??= { ...joined };
    filled[roomId] = { ...room, missed };
  }
  return filled === undefined ? sync : { ...sync, rooms: { ...sync.rooms, join: filled } };
}

async function fetchMissed(
  roomId: string,
  prevBatch: string,
  joinedAt: number,
  stores: Stores,
  transport: MatrixTransport,
  retryPolicy: RetryPolicy,
  log: Logger,
): Promise<MatrixEvent[]> {
  const newestFirst: MatrixEvent[] = [];
  let from: string | undefined = prevBatch;
  while (from !== undefined) {
    const token: string = from;
    const page = await withRetry(() => transport.messagesBefore(roomId, token, PAGE), retryPolicy);
    for (const event of page.chunk) {
      if (stores.inbound.isKnown(event.event_id) || event.origin_server_ts < joinedAt) return newestFirst.reverse();
      newestFirst.push(event);
    }
    if (newestFirst.length >= MAX_EVENTS_PER_ROOM) {
      log.warn("timeline gap too long, older events not fetched", { roomId, fetched: newestFirst.length });
      break;
    }
    from = page.chunk.length === 0 || page.end === from ? undefined : page.end;
  }
  return newestFirst.reverse();
}
