/**
 * 1: foundation — association registry, per-room settings, exactly-once pipeline.
 */
export const migration001 = `
  CREATE TABLE bot_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE rooms (
    room_id TEXT PRIMARY KEY,
    name TEXT,
    language TEXT CHECK (language IN ('fr', 'en')),
    time_zone TEXT,
    membership TEXT NOT NULL CHECK (membership IN ('invite', 'join', 'leave', 'rejected')),
    inviter TEXT,
    joined_at INTEGER,
    left_at INTEGER,
    encrypted INTEGER NOT NULL DEFAULT 0,
    encryption_notice_at INTEGER,
    last_activity_at INTEGER
  ) STRICT;

  CREATE TABLE room_settings (
    room_id TEXT NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (room_id, key)
  ) STRICT;

  CREATE TABLE inbound_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    room_id TEXT NOT NULL,
    event TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    handled_at INTEGER,
    outcome TEXT
  ) STRICT;
  CREATE INDEX inbound_events_pending ON inbound_events (seq) WHERE handled_at IS NULL;
  CREATE INDEX inbound_events_handled ON inbound_events (handled_at) WHERE handled_at IS NOT NULL;

  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    txn_id TEXT NOT NULL UNIQUE,
    room_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    content TEXT NOT NULL,
    purpose TEXT,
    purpose_ref TEXT,
    context TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    sent_at INTEGER,
    sent_event_id TEXT,
    failed_at INTEGER,
    failure TEXT
  ) STRICT;
  CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL AND failed_at IS NULL;
  `;
