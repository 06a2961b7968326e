import {
  CollectStrategy,
  DecryptionErrorCode,
  DecryptionSettings,
  DeviceId,
  DeviceLists,
  EncryptionSettings,
  HistoryVisibility,
  initAsync,
  KeysQueryRequest,
  MegolmDecryptionError,
  OlmMachine,
  RoomId,
  StoreHandle,
  TrustRequirement,
  UserId,
} from "@matrix-org/matrix-sdk-crypto-wasm";
import type { CryptoRecordsStore } from "../../storage/crypto-records-store.ts";
import type { MatrixEvent } from "../../storage/inbound-events-store.ts";
import type { Logger } from "../log.ts";
import { routeOf, type HomeserverRequest, type OutgoingRequest } from "./crypto-requests.ts";
import { DurableIndexedDb } from "./durable-indexeddb.ts";
import { SerialQueue } from "./serial-queue.ts";

/** The end-to-end encryption parts of a /sync answer (spec: GET /sync, "Extensions to /sync"). */
export interface SyncCryptoChanges {
  readonly to_device?: { readonly events?: readonly unknown[] };
  readonly device_lists?: { readonly changed?: readonly string[]; readonly left?: readonly string[] };
  readonly device_one_time_keys_count?: Readonly<Record<string, number>>;
  readonly device_unused_fallback_key_types?: readonly string[];
}

/** How a room wants its messages encrypted: from its m.room.encryption and history visibility. */
export interface RoomEncryption {
  /** Who may read what Minou sends: joined members, and invited ones unless history is "joined". */
  readonly members: readonly string[];
  readonly historyVisibility: string;
  readonly rotationPeriodMs?: number;
  readonly rotationPeriodMessages?: number;
}

export type Decryption =
  | { readonly kind: "decrypted"; readonly event: MatrixEvent }
  /** Its room key may still come (it often arrives just after the message). */
  | { readonly kind: "awaitingKey"; readonly reason: string }
  | { readonly kind: "failed"; readonly reason: string };

export interface OlmEngineOptions {
  readonly userId: string;
  readonly deviceId: string;
  readonly records: CryptoRecordsStore;
  /** 32 random bytes: the engine encrypts what it stores with it (a passphrase would cost a PBKDF2 per start). */
  readonly storeKey: Uint8Array;
  readonly request: HomeserverRequest;
  readonly log: Logger;
}

let wasmLoaded: Promise<void> | undefined;
// The engine finds IndexedDB as a global when it opens its store: one store opens at a time.
const opening = new SerialQueue();

const VISIBILITY: Readonly<Record<string, HistoryVisibility>> = {
  invited: HistoryVisibility.Invited,
  joined: HistoryVisibility.Joined,
  shared: HistoryVisibility.Shared,
  world_readable: HistoryVisibility.WorldReadable,
};

/**
 * Minou's device: matrix-sdk-crypto's OlmMachine (WebAssembly build) over a durable store. Every
 * call that may change its state is followed by a flush to SQLite before anything it produced
 * leaves the process, and before the sync token that delivered its input is saved: after a crash
 * no room key is lost and no one-time key is uploaded twice with different contents.
 */
export class OlmEngine {
  private readonly calls = new SerialQueue();
  private readonly encryptions = new SerialQueue();
  private readonly outgoing = new SerialQueue();
  private roomKeysArrived = false;
  private lastKeyState: string | undefined;
  private deviceEpoch = 0;
  /** Per room: the members and device epoch whose devices all had sessions at the last send. */
  private readonly checkedRecipients = new Map<string, string>();
  private closed = false;

  private constructor(
    private readonly machine: OlmMachine,
    private readonly idb: DurableIndexedDb,
    private readonly options: OlmEngineOptions,
  ) {
    machine.registerRoomKeyUpdatedCallback(async () => {
      this.roomKeysArrived = true;
    });
  }

  static async open(options: OlmEngineOptions): Promise<OlmEngine> {
    wasmLoaded ??= initAsync();
    await wasmLoaded;
    return opening.run(async () => {
      const idb = await DurableIndexedDb.open(options.records);
      idb.installGlobally();
      const logger = engineLogger(options.log);
      const handle = await StoreHandle.openWithKey(`minou-${options.deviceId}`, options.storeKey, logger);
      const machine = await OlmMachine.initFromStore(new UserId(options.userId), new DeviceId(options.deviceId), handle, logger);
      handle.free();
      idb.flush();
      return new OlmEngine(machine, idb, options);
    });
  }

  get identityKeys(): { ed25519: string; curve25519: string } {
    const keys = this.machine.identityKeys;
    return { ed25519: keys.ed25519.toBase64(), curve25519: keys.curve25519.toBase64() };
  }

  /** Records changed in memory but not yet on disk (zero between calls). */
  get unflushedChanges(): number {
    return this.idb.pendingChanges;
  }

  /**
   * Feeds the engine a sync answer's to-device messages, device-list changes and key counts.
   * Resolves to true when new room keys arrived (encrypted events waiting for one may now open).
   */
  async receiveSyncChanges(sync: SyncCryptoChanges): Promise<boolean> {
    const toDevice = sync.to_device?.events ?? [];
    const changed = sync.device_lists?.changed ?? [];
    const left = sync.device_lists?.left ?? [];
    const counts = new Map(Object.entries(sync.device_one_time_keys_count ?? {}));
    const fallback = sync.device_unused_fallback_key_types;
    // The engine reloads its account on each call (~6 ms): a sync that brings nothing new for it
    // (no to-device message, no device change, the same key counts) is not worth one.
    const keyState = JSON.stringify([[...counts].sort(), fallback === undefined ? null : [...fallback].sort()]);
    if (toDevice.length === 0 && changed.length === 0 && left.length === 0 && keyState === this.lastKeyState) return false;
    this.lastKeyState = keyState;
    // Devices or Olm sessions may have changed: every room's recipients are checked again.
    if (toDevice.length > 0 || changed.length > 0 || left.length > 0) this.deviceEpoch += 1;
    const arrived = await this.call(async (machine) => {
      this.roomKeysArrived = false;
      await machine.receiveSyncChanges(
        JSON.stringify(toDevice),
        new DeviceLists(changed.map((id) => new UserId(id)), left.map((id) => new UserId(id))),
        counts,
        fallback === undefined ? undefined : new Set(fallback),
      );
      return this.roomKeysArrived;
    });
    return arrived;
  }

  /**
   * Sends what the engine asks for now (key uploads, key queries, to-device messages), in order.
   * One pass: what the answers lead to goes out at the next call (the next sync at the latest),
   * so that a user whose keys the homeserver cannot give is not asked for in a loop.
   */
  processOutgoingRequests(): Promise<void> {
    return this.outgoing.run(async () => {
      if (this.closed) return;
      const requests = await this.call((machine) => machine.outgoingRequests() as Promise<OutgoingRequest[]>);
      for (const request of requests) await this.send(request);
    });
  }

  async decrypt(roomId: string, event: MatrixEvent): Promise<Decryption> {
    try {
      const decrypted = await this.call((machine) =>
        machine.decryptRoomEvent(JSON.stringify({ ...event, room_id: roomId }), new RoomId(roomId), new DecryptionSettings(TrustRequirement.Untrusted)),
      );
      const clear = JSON.parse(decrypted.event) as { type?: unknown; content?: unknown };
      if (typeof clear.type !== "string" || typeof clear.content !== "object" || clear.content === null) {
        return { kind: "failed", reason: "decrypted payload without type or content" };
      }
      const content = { ...(clear.content as Record<string, unknown>) };
      // The relation travels in clear beside the ciphertext (spec: "Mixing encrypted and unencrypted events").
      const relation = event.content["m.relates_to"];
      if (content["m.relates_to"] === undefined && relation !== undefined) content["m.relates_to"] = relation;
      return { kind: "decrypted", event: { ...event, type: clear.type, content } };
    } catch (error) {
      if (error instanceof MegolmDecryptionError) {
        const missing = error.code === DecryptionErrorCode.MissingRoomKey || error.code === DecryptionErrorCode.UnknownMessageIndex;
        const reason = `${DecryptionErrorCode[error.code]}: ${error.description}${error.withheldCode === undefined ? "" : ` (withheld: ${error.withheldCode})`}`;
        // A withheld key will not come: the sender's client decided not to share it with Minou.
        return missing && error.withheldCode === undefined ? { kind: "awaitingKey", reason } : { kind: "failed", reason };
      }
      return { kind: "failed", reason: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Encrypts a message for a room, first making sure every device of its members has the room's
   * current key (sharing it only with devices that lack it: no re-key on restart).
   */
  encrypt(roomId: string, eventType: string, content: Record<string, unknown>, room: RoomEncryption): Promise<Record<string, unknown>> {
    // In the outgoing queue: no other pass may send the key queries this one waits for.
    return this.encryptions.run(() =>
      this.outgoing.run(async () => {
        const users = (): UserId[] => room.members.map((id) => new UserId(id));
        const recipients = `${this.deviceEpoch}\u0000${[...room.members].sort().join("\u0000")}`;
        for (let round = 1; ; round += 1) {
          // Usually one engine call (and one flush): nothing to query, claim or share, just encrypt.
          const step = await this.call(async (machine): Promise<{ requests: OutgoingRequest[] } | { encrypted: string }> => {
            // Same members and no device change since the last send: every device has its session.
            if (this.checkedRecipients.get(roomId) !== recipients) {
              await machine.updateTrackedUsers(users());
              // getMissingSessions waits up to 5 s for a pending key query, which could only be
              // sent after it returns: the queries go first (a few rounds at most).
              const queries = ((await machine.outgoingRequests()) as OutgoingRequest[]).filter((request) => request instanceof KeysQueryRequest);
              if (queries.length > 0 && round <= 3) return { requests: queries };
              const claim = await machine.getMissingSessions(users());
              if (claim !== null && claim !== undefined) return { requests: [claim] };
              this.checkedRecipients.set(roomId, recipients);
            }
            const shares = await machine.shareRoomKey(new RoomId(roomId), users(), encryptionSettings(room));
            if (shares.length > 0) return { requests: shares };
            return { encrypted: await machine.encryptRoomEvent(new RoomId(roomId), eventType, JSON.stringify(content)) };
          });
          if ("requests" in step) {
            for (const request of step.requests) await this.send(request);
            continue;
          }
          const encrypted = JSON.parse(step.encrypted) as Record<string, unknown>;
          const relation = content["m.relates_to"];
          return relation === undefined ? encrypted : { ...encrypted, "m.relates_to": relation };
        }
      }),
    );
  }

  /** Runs `work` on the machine alone, then writes what it changed to SQLite. */
  call<T>(work: (machine: OlmMachine) => Promise<T>): Promise<T> {
    return this.calls.run(async () => {
      if (this.closed) throw new Error("the crypto engine is closed");
      try {
        return await work(this.machine);
      } finally {
        this.idb.flush();
      }
    });
  }

  /** Sends one request the engine made, then tells it the answer. */
  async send(request: OutgoingRequest): Promise<unknown> {
    const { method, path } = routeOf(request);
    const response = await this.options.request(method, path, JSON.parse(request.body) as unknown);
    const id = request.id;
    if (id !== undefined && id !== "") await this.call((machine) => machine.markRequestAsSent(id, request.type, JSON.stringify(response ?? {})));
    return response;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.outgoing.idle();
    await this.encryptions.idle();
    await this.calls.run(async () => {
      this.closed = true;
      this.idb.flush();
      this.machine.close();
      this.idb.close();
    });
  }
}

function encryptionSettings(room: RoomEncryption): EncryptionSettings {
  const settings = new EncryptionSettings();
  settings.historyVisibility = VISIBILITY[room.historyVisibility] ?? HistoryVisibility.Shared;
  // Minou cannot verify each member's devices: every device of a member gets the key, as in
  // Element's default; members who exclude insecure devices decide on their side.
  settings.sharingStrategy = CollectStrategy.allDevices();
  if (room.rotationPeriodMs !== undefined) settings.rotationPeriod = BigInt(Math.round(room.rotationPeriodMs * 1000));
  if (room.rotationPeriodMessages !== undefined) settings.rotationPeriodMessages = BigInt(Math.round(room.rotationPeriodMessages));
  return settings;
}

function engineLogger(log: Logger): { debug(data: unknown): void; info(data: unknown): void; warn(data: unknown): void; error(data: unknown): void } {
  const child = log.child("crypto");
  return {
    debug: () => undefined,
    info: (data) => child.debug(String(data)),
    warn: (data) => child.warn(String(data)),
    error: (data) => child.error(String(data)),
  };
}
