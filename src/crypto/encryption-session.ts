import type { MatrixClient } from "matrix-bot-sdk";
import type { Stores } from "../../storage/index.ts";
import type { Logger } from "../log.ts";
import { withRetry, type RetryPolicy } from "../matrix/retry.ts";
import type { SyncResponse } from "../pipeline/sync-intake.ts";
import type { HomeserverRequest } from "./crypto-requests.ts";
import { OlmEngine } from "./olm-engine.ts";
import { ProcessLock } from "./process-lock.ts";
import { RoomCrypto } from "./room-crypto.ts";
import { loadStoreKey } from "./store-key.ts";
import { decryptSync, openAwaitingEvents } from "./sync-decryption.ts";

/** How long a command may wait for its room key before Minou gives up on it (logged). */
export const ROOM_KEY_WAIT_MS = 24 * 60 * 60 * 1000;

export interface EncryptionSessionOptions {
  readonly client: MatrixClient;
  readonly userId: string;
  readonly deviceId: string;
  readonly dataDirectory: string;
  readonly stores: Stores;
  readonly retryPolicy: RetryPolicy;
  readonly log: Logger;
  readonly now: () => number;
}

/** The homeserver calls of the crypto engine, through the bot's client, with Minou's retries. */
export function homeserverRequest(client: MatrixClient, retryPolicy: RetryPolicy): HomeserverRequest {
  return (method, path, body) => withRetry(() => client.doRequest(method, path, null, body) as Promise<unknown>, retryPolicy);
}

/**
 * Minou's end-to-end encryption for one run: the process lock, the store key, the crypto engine
 * and the rooms' settings. Each sync answer goes through it before the intake stores it.
 */
export class EncryptionSession {
  private constructor(
    readonly rooms: RoomCrypto,
    private readonly lock: ProcessLock,
    private readonly options: EncryptionSessionOptions,
  ) {}

  static async start(options: EncryptionSessionOptions): Promise<EncryptionSession> {
    const lock = ProcessLock.acquire(options.dataDirectory);
    try {
      const { stores, log } = options;
      const storeKey = loadStoreKey(options.dataDirectory, stores.cryptoRecords.count() > 0);
      const request = homeserverRequest(options.client, options.retryPolicy);
      const engine = await OlmEngine.open({ userId: options.userId, deviceId: options.deviceId, records: stores.cryptoRecords, storeKey, request, log });
      const session = new EncryptionSession(new RoomCrypto(engine, stores, request, log.child("crypto")), lock, options);
      const identity = await engine.call((machine) => machine.crossSigningStatus());
      if (!identity.hasSelfSigning) {
        log.warn("Minou's device is not cross-signed: members who exclude insecure devices will not read it; run npm run login once", { deviceId: options.deviceId });
      }
      // On a first start this uploads the device's keys; later, whatever a crash left unsent.
      session.sendPending();
      return session;
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  get engine(): OlmEngine {
    return this.rooms.engine;
  }

  /**
   * Feeds the sync answer's to-device messages and key counts to the engine (persisted before the
   * sync token can be). Resolves to true when room keys arrived.
   */
  async receive(sync: SyncResponse): Promise<boolean> {
    const keysArrived = await this.engine.receiveSyncChanges(sync);
    this.sendPending();
    return keysArrived;
  }

  /** The sync answer as the intake should store it: room settings noted, timelines decrypted. */
  async decrypt(sync: SyncResponse, initial: boolean): Promise<SyncResponse> {
    this.rooms.observeSync(sync);
    return decryptSync(sync, this.engine, this.options.userId, initial, this.options.log.child("crypto"));
  }

  /** Opens the events that waited for a key; resolves to how many became readable. */
  async openAwaiting(): Promise<number> {
    const { stores, now, log } = this.options;
    return openAwaitingEvents(stores, this.engine, now, ROOM_KEY_WAIT_MS, log.child("crypto"));
  }

  async stop(): Promise<void> {
    await this.engine.close();
    this.lock.release();
  }

  private sendPending(): void {
    this.engine.processOutgoingRequests().catch((error: unknown) => this.options.log.warn("crypto requests not sent, will retry at the next sync", { error }));
  }
}
