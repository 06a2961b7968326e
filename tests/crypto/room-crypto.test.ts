import { describe, expect, it } from "vitest";
import { RoomCrypto } from "../../src/crypto/room-crypto.ts";
import type { OlmEngine } from "../../src/crypto/olm-engine.ts";
import { GaveUp } from "../../src/matrix/retry.ts";
import { captureLog } from "../support/capture-log.ts";
import { memoryStores } from "../support/memory-stores.ts";

const ROOM = "!dm:test";
const notFound = new GaveUp({ kind: "permanent", status: 404, errcode: "M_NOT_FOUND", description: "404" }, 1);

function roomCrypto(answer: () => Promise<unknown>): { crypto: RoomCrypto; asked: string[] } {
  const stores = memoryStores();
  // As on Synapse just after createRoom: Minou's join is known, the encryption event not yet.
  stores.rooms.recordJoin(ROOM, 1);
  const asked: string[] = [];
  const crypto = new RoomCrypto({} as OlmEngine, stores, async (_method, path) => {
    asked.push(path);
    return answer();
  }, captureLog("error").log);
  return { crypto, asked };
}

describe("whether a room is encrypted", () => {
  it("asks the homeserver about a joined room whose encryption sync has not shown yet, rather than send in clear", async () => {
    const { crypto, asked } = roomCrypto(async () => ({ algorithm: "m.megolm.v1.aes-sha2" }));
    expect(await crypto.isEncrypted(ROOM)).toBe(true);
    expect(await crypto.isEncrypted(ROOM)).toBe(true);
    expect(asked).toEqual([`/_matrix/client/v3/rooms/${encodeURIComponent(ROOM)}/state/m.room.encryption/`]);
  });

  it("knows a room it created encrypted without asking, and learns from sync when a room turns encrypted", async () => {
    const created = roomCrypto(async () => ({}));
    created.crypto.createdEncrypted(ROOM);
    expect(await created.crypto.isEncrypted(ROOM)).toBe(true);
    expect(created.asked).toEqual([]);

    const plain = roomCrypto(async () => Promise.reject(notFound));
    expect(await plain.crypto.isEncrypted(ROOM)).toBe(false);
    plain.crypto.observeSync({
      next_batch: "s2",
      rooms: { join: { [ROOM]: { timeline: { events: [{ event_id: "$e", type: "m.room.encryption", state_key: "", sender: "@a:test", origin_server_ts: 2, content: { algorithm: "m.megolm.v1.aes-sha2" } }] } } } },
    });
    expect(await plain.crypto.isEncrypted(ROOM)).toBe(true);
  });

  it("does not send when it cannot tell (the homeserver is unreachable)", async () => {
    const { crypto } = roomCrypto(async () => Promise.reject(new GaveUp({ kind: "transient", description: "network" }, 3)));
    await expect(crypto.isEncrypted(ROOM)).rejects.toThrow(/network/);
  });
});
