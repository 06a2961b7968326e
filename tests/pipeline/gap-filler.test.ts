import { describe, expect, it } from "vitest";
import type { MatrixEvent } from "../../storage/inbound-events-store.ts";
import { fillTimelineGaps } from "../../src/pipeline/gap-filler.ts";
import type { SyncResponse } from "../../src/pipeline/sync-intake.ts";
import { captureLog } from "../support/capture-log.ts";
import { memoryStores } from "../support/memory-stores.ts";
import { matrixError, RecordingTransport } from "../support/recording-transport.ts";

const policy = { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 };

function command(eventId: string, at: number): MatrixEvent {
  return { event_id: eventId, type: "m.room.message", sender: "@camille:centre.test", origin_server_ts: at, content: { msgtype: "m.text", body: "!aide" } };
}

describe("filling timeline gaps", () => {
  it("skips the gap of a room whose history cannot be read, and still fills the others", async () => {
    const stores = memoryStores();
    stores.botState.recordSyncToken("s1");
    for (const roomId of ["!refused:centre.test", "!open:centre.test"]) stores.rooms.recordJoin(roomId, 1_000);
    const transport = new (class extends RecordingTransport {
      override async messagesBefore(roomId: string): Promise<{ chunk: MatrixEvent[] }> {
        if (roomId === "!refused:centre.test") throw matrixError(403, "M_FORBIDDEN");
        return { chunk: [command("$missed", 2_000)] };
      }
    })();
    const { log, lines } = captureLog();
    const limited = { timeline: { events: [command("$new", 3_000)], limited: true, prev_batch: "p1" } };
    const sync: SyncResponse = { next_batch: "s2", rooms: { join: { "!refused:centre.test": limited, "!open:centre.test": limited } } };
    const filled = await fillTimelineGaps(sync, stores, transport, policy, log);
    expect(filled.rooms?.join?.["!open:centre.test"]?.missed?.map((event) => event.event_id)).toEqual(["$missed"]);
    expect(filled.rooms?.join?.["!refused:centre.test"]?.missed).toBeUndefined();
    expect(lines.join("\n")).toMatch(/timeline gap not filled.*!refused:centre.test/);
  });

  it("stores nothing of an answer when Minou stops while it fills a gap", async () => {
    const stores = memoryStores();
    stores.botState.recordSyncToken("s1");
    stores.rooms.recordJoin("!open:centre.test", 1_000);
    const stopping = new AbortController();
    const transport = new (class extends RecordingTransport {
      override async messagesBefore(): Promise<{ chunk: MatrixEvent[] }> {
        stopping.abort(new Error("stopping"));
        throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      }
    })();
    const sync: SyncResponse = { next_batch: "s2", rooms: { join: { "!open:centre.test": { timeline: { events: [], limited: true, prev_batch: "p1" } } } } };
    await expect(fillTimelineGaps(sync, stores, transport, { ...policy, signal: stopping.signal }, captureLog().log)).rejects.toThrow("stopping");
  });
});
