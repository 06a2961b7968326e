import { join } from "node:path";
import { openDatabase } from "../../storage/database.ts";
import { openStores } from "../features.ts";
import type { Logger } from "../log.ts";
import { defaultRetryPolicy } from "../matrix/retry.ts";
import { bootstrapCrossSigning } from "./cross-signing.ts";
import { fetchRequest } from "./fetch-request.ts";
import { OlmEngine } from "./olm-engine.ts";
import { ProcessLock } from "./process-lock.ts";
import { loadStoreKey } from "./store-key.ts";

export interface DeviceSetup {
  readonly homeserverUrl: string;
  readonly userId: string;
  readonly deviceId: string;
  readonly accessToken: string;
  readonly password: string;
  readonly dataDirectory: string;
  readonly log: Logger;
}

/**
 * Creates the new device's crypto store, publishes its keys and cross-signs it (npm run login).
 * Resolves to true when a new cross-signing identity was made.
 */
export async function setUpDevice(setup: DeviceSetup): Promise<boolean> {
  const lock = ProcessLock.acquire(setup.dataDirectory);
  const stores = openStores(openDatabase(join(setup.dataDirectory, "minou.sqlite")));
  try {
    const storeKey = loadStoreKey(setup.dataDirectory, stores.cryptoRecords.count() > 0);
    const request = fetchRequest(setup.homeserverUrl, setup.accessToken, defaultRetryPolicy);
    const engine = await OlmEngine.open({ userId: setup.userId, deviceId: setup.deviceId, records: stores.cryptoRecords, storeKey, request, log: setup.log });
    try {
      return await bootstrapCrossSigning(engine, setup);
    } finally {
      await engine.close();
    }
  } finally {
    stores.db.close();
    lock.release();
  }
}
