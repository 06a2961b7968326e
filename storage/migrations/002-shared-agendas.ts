/**
 * 2: shared agendas — events, per-occurrence changes, RSVP answers, reminders, feed tokens.
 */
export const migration002 = `
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
  `;
