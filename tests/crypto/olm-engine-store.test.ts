import { afterEach, describe, expect, it } from "vitest";
import { KeysUploadRequest } from "@matrix-org/matrix-sdk-crypto-wasm";
import { openDatabase } from "../../storage/database.ts";
import type { Stores } from "../../storage/index.ts";
import { openStores } from "../../src/features.ts";
import { OlmEngine } from "../../src/crypto/olm-engine.ts";
import type { HomeserverRequest } from "../../src/crypto/crypto-requests.ts";
import { captureLog } from "../support/capture-log.ts";

const storeKey = new Uint8Array(32).fill(3);
const engines: OlmEngine[] = [];

/** A homeserver that records what the engine sends and answers each upload with the key counts. */
function recordingServer(): { request: HomeserverRequest; paths: string[]; bodies: unknown[] } {
  const paths: string[] = [];
  const bodies: unknown[] = [];
  return {
    paths,
    bodies,
    request: async (_method, path, body) => {
      paths.push(path);
      bodies.push(body);
      if (path.endsWith("/keys/upload")) return { one_time_key_counts: { signed_curve25519: 50 } };
      if (path.endsWith("/keys/query")) return { device_keys: {}, failures: {}, master_keys: {}, self_signing_keys: {}, user_signing_keys: {} };
      return {};
    },
  };
}

async function open(stores: Stores, request: HomeserverRequest = recordingServer().request): Promise<OlmEngine> {
  const engine = await OlmEngine.open({ userId: "@minou:test", deviceId: "MINOUDEV", records: stores.cryptoRecords, storeKey, request, log: captureLog("error").log });
  engines.push(engine);
  return engine;
}

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close().catch(() => undefined);
});

describe("the crypto engine's durable store", () => {
  it("keeps the same device identity across restarts", async () => {
    const stores = openStores(openDatabase(":memory:"));
    const first = await open(stores);
    const identity = first.identityKeys;
    await first.close();
    expect(stores.cryptoRecords.count()).toBeGreaterThan(0);
    const second = await open(stores);
    expect(second.identityKeys).toEqual(identity);
  });

  it("after a crash before the upload was acknowledged, uploads the very same one-time keys again", async () => {
    const stores = openStores(openDatabase(":memory:"));
    const first = await open(stores);
    const uploadBody = async (engine: OlmEngine): Promise<Record<string, unknown>> => {
      const requests = await engine.call((machine) => machine.outgoingRequests());
      const upload = requests.find((request) => request instanceof KeysUploadRequest);
      expect(upload).toBeDefined();
      return JSON.parse(upload?.body ?? "{}") as Record<string, unknown>;
    };
    const before = await uploadBody(first);
    expect(Object.keys((before["one_time_keys"] as object | undefined) ?? {}).length).toBeGreaterThan(0);
    // kill -9: nothing closes, nothing more is flushed; every call already wrote its changes.
    expect(first.unflushedChanges).toBe(0);
    const second = await open(stores);
    const after = await uploadBody(second);
    expect(after["one_time_keys"]).toEqual(before["one_time_keys"]);
    expect(after["device_keys"]).toEqual(before["device_keys"]);
  });

  it("marks the keys as published once the homeserver took them, and asks no more after a restart", async () => {
    const stores = openStores(openDatabase(":memory:"));
    const server = recordingServer();
    const first = await open(stores, server.request);
    await first.receiveSyncChanges({ device_one_time_keys_count: { signed_curve25519: 0 }, device_unused_fallback_key_types: [] });
    await first.processOutgoingRequests();
    expect(server.paths.filter((path) => path.endsWith("/keys/upload")).length).toBeGreaterThan(0);
    await first.close();
    const again = recordingServer();
    const second = await open(stores, again.request);
    await second.receiveSyncChanges({ device_one_time_keys_count: { signed_curve25519: 50 }, device_unused_fallback_key_types: ["signed_curve25519"] });
    await second.processOutgoingRequests();
    expect(again.paths.filter((path) => path.endsWith("/keys/upload"))).toHaveLength(0);
  });

  it("refuses a store opened with another key", async () => {
    const stores = openStores(openDatabase(":memory:"));
    await (await open(stores)).close();
    await expect(OlmEngine.open({ userId: "@minou:test", deviceId: "MINOUDEV", records: stores.cryptoRecords, storeKey: new Uint8Array(32).fill(9), request: recordingServer().request, log: captureLog("error").log })).rejects.toThrow();
  });
});
