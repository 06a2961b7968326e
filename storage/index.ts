import { BotStateStore } from "./bot-state-store.ts";
import { CryptoRecordsStore } from "./crypto-records-store.ts";
import { DirectRoomsStore } from "./direct-rooms-store.ts";
import type { Db } from "./database.ts";
import { InboundEventsStore } from "./inbound-events-store.ts";
import { OutboxStore } from "./outbox-store.ts";
import { RoomMembersStore } from "./room-members-store.ts";
import { RoomSettingsStore } from "./room-settings-store.ts";
import { RoomsStore } from "./rooms-store.ts";

/** The pipeline's own stores: rooms, the inbox and outbox, the sync token, encryption records. */
export interface CoreStores {
  readonly db: Db;
  readonly botState: BotStateStore;
  readonly rooms: RoomsStore;
  readonly roomSettings: RoomSettingsStore;
  readonly roomMembers: RoomMembersStore;
  readonly inbound: InboundEventsStore;
  readonly outbox: OutboxStore;
  readonly directRooms: DirectRoomsStore;
  readonly cryptoRecords: CryptoRecordsStore;
  /** Runs `work` in one transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T;
}

/**
 * Each feature's stores, under the key its descriptor opens them at. Every `storage/<feature>/index.ts`
 * adds its entry to this interface itself (declaration merging), so a new feature edits no list here.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by each feature's storage module
export interface FeatureStores {}

/** Every store, over one connection, so a feature's change and its messages commit together. */
export interface Stores extends CoreStores, FeatureStores {}

/** How a feature opens its stores, declared in its descriptor (`stores`). */
export interface StoreSet<K extends keyof FeatureStores = keyof FeatureStores> {
  readonly key: K;
  readonly open: (db: Db) => FeatureStores[K];
}

/** `open` placed under `key`: the one way a feature declares its stores. */
export function storeSet<K extends keyof FeatureStores>(key: K, open: (db: Db) => FeatureStores[K]): StoreSet {
  return { key, open } as unknown as StoreSet;
}

/**
 * The core stores and those of `sets`. Minou opens every feature's stores, even when it runs only
 * some features: the tables exist anyway, and a feature may read another's (a poll's winning date
 * becomes an agenda event).
 */
export function createStores(db: Db, sets: readonly StoreSet[]): Stores {
  const core: CoreStores = {
    db,
    botState: new BotStateStore(db),
    rooms: new RoomsStore(db),
    roomSettings: new RoomSettingsStore(db),
    roomMembers: new RoomMembersStore(db),
    inbound: new InboundEventsStore(db),
    outbox: new OutboxStore(db),
    directRooms: new DirectRoomsStore(db),
    cryptoRecords: new CryptoRecordsStore(db),
    // IMMEDIATE: take the write lock at once, so two writers (two processes on one file) queue
    // up instead of both reading a count and one failing to write (capacity stays exact).
    transaction: <T>(work: () => T): T => db.transaction(work).immediate(),
  };
  const opened: Record<string, unknown> = {};
  for (const { key, open } of sets) {
    if (key in opened || key in core) throw new Error(`two features open stores under "${key}"`);
    opened[key] = open(db);
  }
  return { ...core, ...(opened as unknown as FeatureStores) };
}
