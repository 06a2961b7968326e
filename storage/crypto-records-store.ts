import type { Db } from "./database.ts";

/** One IndexedDB record of the crypto engine, its key in the codec's text form. */
export interface CryptoRecord {
  readonly dbName: string;
  readonly storeName: string;
  readonly key: string;
  readonly value: Buffer;
}

/** What changed in the engine's IndexedDB since the last flush. */
export interface CryptoRecordChanges {
  readonly schemas: ReadonlyMap<string, string>;
  readonly droppedDatabases: readonly string[];
  readonly droppedStores: readonly { readonly dbName: string; readonly storeName: string }[];
  readonly upserts: readonly CryptoRecord[];
  readonly deletions: readonly Omit<CryptoRecord, "value">[];
}

/**
 * The crypto engine's IndexedDB as rows: each database's schema, and its records. Written in one
 * transaction per flush, so the engine's state on disk is always one it was in.
 */
export class CryptoRecordsStore {
  private readonly selectSchemas;
  private readonly selectRecords;
  private readonly upsertSchema;
  private readonly deleteSchema;
  private readonly deleteDatabaseRecords;
  private readonly deleteStoreRecords;
  private readonly upsertRecord;
  private readonly deleteRecord;
  private readonly countRecords;

  constructor(private readonly db: Db) {
    this.selectSchemas = db.prepare<[], { db_name: string; schema: string }>("SELECT db_name, schema FROM crypto_idb_databases");
    this.selectRecords = db.prepare<[string], { store_name: string; record_key: string; value: Buffer }>(
      "SELECT store_name, record_key, value FROM crypto_idb_records WHERE db_name = ?",
    );
    this.upsertSchema = db.prepare<[string, string]>(
      "INSERT INTO crypto_idb_databases (db_name, schema) VALUES (?, ?) ON CONFLICT (db_name) DO UPDATE SET schema = excluded.schema",
    );
    this.deleteSchema = db.prepare<[string]>("DELETE FROM crypto_idb_databases WHERE db_name = ?");
    this.deleteDatabaseRecords = db.prepare<[string]>("DELETE FROM crypto_idb_records WHERE db_name = ?");
    this.deleteStoreRecords = db.prepare<[string, string]>("DELETE FROM crypto_idb_records WHERE db_name = ? AND store_name = ?");
    this.upsertRecord = db.prepare<[string, string, string, Buffer]>(
      `INSERT INTO crypto_idb_records (db_name, store_name, record_key, value) VALUES (?, ?, ?, ?)
       ON CONFLICT (db_name, store_name, record_key) DO UPDATE SET value = excluded.value`,
    );
    this.deleteRecord = db.prepare<[string, string, string]>(
      "DELETE FROM crypto_idb_records WHERE db_name = ? AND store_name = ? AND record_key = ?",
    );
    this.countRecords = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM crypto_idb_records");
  }

  /** Each database's schema (as the engine made it), by name. */
  schemas(): Map<string, string> {
    return new Map(this.selectSchemas.all().map((row) => [row.db_name, row.schema]));
  }

  records(dbName: string): CryptoRecord[] {
    return this.selectRecords.all(dbName).map((row) => ({ dbName, storeName: row.store_name, key: row.record_key, value: row.value }));
  }

  count(): number {
    return this.countRecords.get()?.n ?? 0;
  }

  apply(changes: CryptoRecordChanges): void {
    this.db.transaction(() => {
      for (const dbName of changes.droppedDatabases) {
        this.deleteSchema.run(dbName);
        this.deleteDatabaseRecords.run(dbName);
      }
      for (const [dbName, schema] of changes.schemas) this.upsertSchema.run(dbName, schema);
      for (const { dbName, storeName } of changes.droppedStores) this.deleteStoreRecords.run(dbName, storeName);
      for (const record of changes.upserts) this.upsertRecord.run(record.dbName, record.storeName, record.key, record.value);
      for (const record of changes.deletions) this.deleteRecord.run(record.dbName, record.storeName, record.key);
    }).immediate();
  }
}
