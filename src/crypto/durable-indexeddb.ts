import { IDBCursor, IDBCursorWithValue, IDBDatabase, IDBFactory, IDBIndex, IDBKeyRange, IDBObjectStore, IDBOpenDBRequest, IDBRequest, IDBTransaction, IDBVersionChangeEvent } from "fake-indexeddb";
import { deserialize, serialize } from "node:v8";
import type { CryptoRecord, CryptoRecordsStore } from "../../storage/crypto-records-store.ts";
import { keyFromText, keyToText } from "./idb-key-codec.ts";

// The WASM crypto engine can persist only to IndexedDB. Node has none, so it gets fake-indexeddb
// (a complete in-memory IndexedDB), and every record that changes is written through to SQLite
// after each engine call, before anything that call produced leaves the process.
// fake-indexeddb 6 offers no change feed: the three internal methods every write goes through
// (put/add, delete and clear of its raw object store, rollbacks included) are wrapped once.
// The package is pinned to an exact version; the restart tests fail if its internals move.

interface RawRecord { readonly key: unknown; readonly value: unknown }
interface RawIndex { readonly name: string; readonly keyPath: unknown; readonly unique: boolean; readonly multiEntry: boolean; readonly deleted?: boolean }
interface RawObjectStore {
  readonly name: string;
  readonly keyPath: unknown;
  readonly autoIncrement: boolean;
  readonly deleted: boolean;
  readonly rawDatabase: RawDatabase;
  readonly rawIndexes: Map<string, RawIndex>;
  readonly records: { get(key: unknown): RawRecord | undefined; values(range?: unknown): Iterable<RawRecord> };
  storeRecord(record: RawRecord, noOverwrite: boolean, rollbackLog?: unknown): unknown;
  deleteRecord(key: unknown, rollbackLog?: unknown): void;
  clear(rollbackLog?: unknown): void;
}
interface RawDatabase { readonly name: string; readonly version: number; readonly rawObjectStores: Map<string, RawObjectStore> }
type FakeFactory = InstanceType<typeof IDBFactory>;
type FakeDatabase = InstanceType<typeof IDBDatabase>;
type Factory = FakeFactory & { readonly _databases: Map<string, RawDatabase> };

interface StoreSchema { name: string; keyPath: unknown; autoIncrement: boolean; indexes: { name: string; keyPath: unknown; unique: boolean; multiEntry: boolean }[] }
interface DatabaseSchema { version: number; stores: StoreSchema[] }

type Mutation = { kind: "put"; key: unknown } | { kind: "delete"; keys: unknown[] } | { kind: "clear" };
const trackers = new Set<DurableIndexedDb>();
let patched = false;

function notify(store: RawObjectStore, mutation: Mutation): void {
  for (const tracker of trackers) if (tracker.record(store, mutation)) return;
}

async function patchRawObjectStore(): Promise<void> {
  if (patched) return;
  patched = true;
  const probe = new IDBFactory() as Factory;
  const db = await openDatabase(probe, "probe", 1, (upgrade) => upgrade.createObjectStore("probe"));
  const raw = (db.transaction("probe").objectStore("probe") as unknown as { _rawObjectStore: RawObjectStore })._rawObjectStore;
  db.close();
  const prototype = Object.getPrototypeOf(raw) as RawObjectStore;
  const { storeRecord, deleteRecord, clear } = prototype;
  prototype.storeRecord = function (this: RawObjectStore, record, noOverwrite, rollbackLog) {
    const key = storeRecord.call(this, record, noOverwrite, rollbackLog);
    notify(this, { kind: "put", key });
    return key;
  };
  prototype.deleteRecord = function (this: RawObjectStore, key, rollbackLog) {
    const range = key instanceof IDBKeyRange ? key : IDBKeyRange.only(key);
    const keys = [...this.records.values(range)].map((record) => record.key);
    deleteRecord.call(this, key, rollbackLog);
    notify(this, { kind: "delete", keys });
  };
  prototype.clear = function (this: RawObjectStore, rollbackLog) {
    clear.call(this, rollbackLog);
    notify(this, { kind: "clear" });
  };
}

function openDatabase(factory: FakeFactory, name: string, version: number, upgrade: (db: FakeDatabase) => void): Promise<FakeDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, version);
    request.onupgradeneeded = () => upgrade(request.result);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`cannot open ${name}`));
  });
}

function schemaOf(db: RawDatabase): DatabaseSchema {
  const stores = [...db.rawObjectStores.values()].filter((store) => !store.deleted).map((store) => ({
    name: store.name,
    keyPath: store.keyPath,
    autoIncrement: store.autoIncrement,
    indexes: [...store.rawIndexes.values()].filter((index) => index.deleted !== true).map(({ name, keyPath, unique, multiEntry }) => ({ name, keyPath, unique, multiEntry })),
  }));
  return { version: db.version, stores };
}

/** An IndexedDB in memory whose every change reaches SQLite at each `flush()`. */
export class DurableIndexedDb {
  readonly factory: Factory = new IDBFactory() as Factory;
  private readonly dirty = new Map<RawObjectStore, Map<string, unknown>>();
  private readonly cleared = new Set<RawObjectStore>();
  private readonly savedSchemas = new Map<string, string>();
  /** The raw store object last flushed under each "db/store" name: a new one means recreated. */
  private readonly savedStores = new Map<string, RawObjectStore>();

  private constructor(private readonly records: CryptoRecordsStore) {}

  /** Loads every saved database into a new in-memory IndexedDB, then starts tracking changes. */
  static async open(records: CryptoRecordsStore): Promise<DurableIndexedDb> {
    await patchRawObjectStore();
    const durable = new DurableIndexedDb(records);
    for (const [dbName, schemaText] of records.schemas()) await durable.restore(dbName, schemaText);
    for (const db of durable.factory._databases.values()) {
      durable.savedSchemas.set(db.name, JSON.stringify(schemaOf(db)));
      for (const store of db.rawObjectStores.values()) durable.savedStores.set(`${db.name}/${store.name}`, store);
    }
    trackers.add(durable);
    return durable;
  }

  /** Makes this the IndexedDB that code looking for the global one (the engine) finds. */
  installGlobally(): void {
    Object.assign(globalThis, {
      indexedDB: this.factory,
      IDBCursor, IDBCursorWithValue, IDBDatabase, IDBFactory, IDBIndex, IDBKeyRange, IDBObjectStore, IDBOpenDBRequest, IDBRequest, IDBTransaction, IDBVersionChangeEvent,
    });
  }

  close(): void {
    trackers.delete(this);
  }

  /** Called for every write of every tracked IndexedDB: true when the store is one of ours. */
  record(store: RawObjectStore, mutation: Mutation): boolean {
    if (this.factory._databases.get(store.rawDatabase.name) !== store.rawDatabase) return false;
    if (mutation.kind === "clear") {
      this.cleared.add(store);
      this.dirty.delete(store);
      return true;
    }
    let keys = this.dirty.get(store);
    if (keys === undefined) this.dirty.set(store, (keys = new Map()));
    for (const key of mutation.kind === "put" ? [mutation.key] : mutation.keys) keys.set(keyToText(key), key);
    return true;
  }

  /** Number of records changed since the last flush. */
  get pendingChanges(): number {
    let count = this.cleared.size;
    for (const keys of this.dirty.values()) count += keys.size;
    return count;
  }

  /** Writes what changed since the last flush to SQLite, in one transaction. */
  flush(): void {
    const schemas = new Map<string, string>();
    const droppedStores: { dbName: string; storeName: string }[] = [];
    const upserts: CryptoRecord[] = [];
    const deletions: Omit<CryptoRecord, "value">[] = [];
    const live = this.factory._databases;
    const droppedDatabases = [...this.savedSchemas.keys()].filter((name) => !live.has(name));
    for (const name of droppedDatabases) this.savedSchemas.delete(name);
    for (const db of live.values()) {
      const schema = JSON.stringify(schemaOf(db));
      if (this.savedSchemas.get(db.name) !== schema) {
        schemas.set(db.name, schema);
        this.savedSchemas.set(db.name, schema);
      }
      for (const [id, store] of this.savedStores) {
        if (!id.startsWith(`${db.name}/`)) continue;
        const current = db.rawObjectStores.get(store.name);
        if (current === store && !store.deleted) continue;
        droppedStores.push({ dbName: db.name, storeName: store.name });
        this.savedStores.delete(id);
      }
      for (const store of db.rawObjectStores.values()) {
        if (store.deleted) continue;
        const id = `${db.name}/${store.name}`;
        if (this.savedStores.get(id) === store && !this.cleared.has(store)) continue;
        // A new (or recreated, or cleared) store is written whole.
        if (this.savedStores.has(id)) droppedStores.push({ dbName: db.name, storeName: store.name });
        this.savedStores.set(id, store);
        this.dirty.delete(store);
        for (const record of store.records.values()) upserts.push(this.row(db.name, store.name, record));
      }
    }
    for (const [store, keys] of this.dirty) {
      if (store.deleted) continue;
      for (const [text, key] of keys) {
        const record = store.records.get(key);
        if (record === undefined) deletions.push({ dbName: store.rawDatabase.name, storeName: store.name, key: text });
        else upserts.push({ dbName: store.rawDatabase.name, storeName: store.name, key: text, value: serialize(record.value) });
      }
    }
    this.dirty.clear();
    this.cleared.clear();
    if (schemas.size + droppedDatabases.length + droppedStores.length + upserts.length + deletions.length === 0) return;
    this.records.apply({ schemas, droppedDatabases, droppedStores, upserts, deletions });
  }

  private row(dbName: string, storeName: string, record: RawRecord): CryptoRecord {
    return { dbName, storeName, key: keyToText(record.key), value: serialize(record.value) };
  }

  private async restore(dbName: string, schemaText: string): Promise<void> {
    const schema = JSON.parse(schemaText) as DatabaseSchema;
    const db = await openDatabase(this.factory, dbName, schema.version, (upgrade) => {
      for (const store of schema.stores) {
        const created = upgrade.createObjectStore(store.name, { keyPath: store.keyPath as string | string[] | null, autoIncrement: store.autoIncrement });
        for (const index of store.indexes) created.createIndex(index.name, index.keyPath as string | string[], { unique: index.unique, multiEntry: index.multiEntry });
      }
    });
    const rows = this.records.records(dbName);
    const storeNames = schema.stores.map((store) => store.name);
    if (rows.length > 0 && storeNames.length > 0) {
      const inline = new Map(schema.stores.map((store) => [store.name, store.keyPath !== null]));
      const transaction = db.transaction(storeNames, "readwrite");
      for (const row of rows) {
        const target = transaction.objectStore(row.storeName);
        const value: unknown = deserialize(row.value);
        if (inline.get(row.storeName) === true) target.put(value);
        else target.put(value, keyFromText(row.key) as Parameters<typeof target.put>[1]);
      }
      await new Promise<void>((resolve, reject) => {
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error ?? new Error(`cannot restore ${dbName}`));
      });
    }
    db.close();
  }
}
