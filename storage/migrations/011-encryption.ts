/**
 * 11: end-to-end encryption — the crypto engine's IndexedDB, written through to SQLite record by
 * record (values stay as the engine wrote them: encrypted with the store key), and commands that
 * arrived before their room key (kept in their encrypted form until the key comes).
 */
export const migration011 = `
  CREATE TABLE crypto_idb_databases (
    db_name TEXT PRIMARY KEY,
    schema TEXT NOT NULL
  ) STRICT;

  CREATE TABLE crypto_idb_records (
    db_name TEXT NOT NULL,
    store_name TEXT NOT NULL,
    record_key TEXT NOT NULL,
    value BLOB NOT NULL,
    PRIMARY KEY (db_name, store_name, record_key)
  ) STRICT, WITHOUT ROWID;

  ALTER TABLE inbound_events ADD COLUMN awaiting_key_since INTEGER;
  CREATE INDEX inbound_events_awaiting_key ON inbound_events (awaiting_key_since) WHERE awaiting_key_since IS NOT NULL;
`;
