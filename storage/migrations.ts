/**
 * Append-only schema history. Each entry moves the database one version forward; the version
 * lives in `PRAGMA user_version`. Never edit an entry that has shipped: add a new one.
 */
export const migrations: readonly string[] = [
  // 1: foundation — association registry, per-room settings, exactly-once pipeline.
  `
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
  `,
  // 2: shared agendas — events, per-occurrence changes, RSVP answers, reminders, feed tokens.
  `
  CREATE TABLE agenda_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id TEXT NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    uid TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    location TEXT,
    description TEXT,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    all_day INTEGER NOT NULL DEFAULT 0,
    time_zone TEXT NOT NULL,
    rrule TEXT,
    status TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled')),
    is_public INTEGER NOT NULL DEFAULT 0,
    sequence INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    timing_changed_at INTEGER NOT NULL,
    announcement_event_id TEXT,
    announcement_revision INTEGER NOT NULL DEFAULT 0,
    announcement_dirty_at INTEGER,
    UNIQUE (room_id, number)
  ) STRICT;
  CREATE INDEX agenda_events_announcement ON agenda_events (announcement_event_id);
  CREATE INDEX agenda_events_public ON agenda_events (is_public) WHERE is_public = 1;
  CREATE INDEX agenda_events_dirty ON agenda_events (announcement_dirty_at) WHERE announcement_dirty_at IS NOT NULL;

  CREATE TABLE agenda_exceptions (
    event_id INTEGER NOT NULL REFERENCES agenda_events (id) ON DELETE CASCADE,
    original_start INTEGER NOT NULL,
    cancelled INTEGER NOT NULL,
    starts_at INTEGER,
    ends_at INTEGER,
    PRIMARY KEY (event_id, original_start)
  ) STRICT;

  CREATE TABLE agenda_answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES agenda_events (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    answer TEXT NOT NULL CHECK (answer IN ('yes', 'maybe', 'no')),
    reaction_event_id TEXT UNIQUE,
    answered_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX agenda_answers_event ON agenda_answers (event_id, user_id);

  CREATE TABLE agenda_reminders (
    event_id INTEGER NOT NULL REFERENCES agenda_events (id) ON DELETE CASCADE,
    original_start INTEGER NOT NULL,
    offset_minutes INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'late', 'skipped')),
    done_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, original_start, offset_minutes)
  ) STRICT;

  CREATE TABLE agenda_feed_tokens (
    token TEXT PRIMARY KEY,
    room_id TEXT NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
  ) STRICT;
  CREATE INDEX agenda_feed_tokens_room ON agenda_feed_tokens (room_id) WHERE revoked_at IS NULL;

  CREATE TABLE agenda_digests (
    room_id TEXT NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
    week_start INTEGER NOT NULL,
    sent_at INTEGER NOT NULL,
    PRIMARY KEY (room_id, week_start)
  ) STRICT;
  `,
];
