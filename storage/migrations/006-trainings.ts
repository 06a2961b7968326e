/**
 * 6: the centre's trainings — sessions with capacity, waiting list, promotions, reminders.
 */
export const migration006 = `
  CREATE TABLE trainings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    description TEXT,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE training_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    training_id INTEGER NOT NULL REFERENCES trainings (id) ON DELETE CASCADE,
    uid TEXT NOT NULL UNIQUE,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    time_zone TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    location TEXT,
    confirmation_hours INTEGER CHECK (confirmation_hours > 0),
    cancelled_at INTEGER,
    sequence INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    announcement_room_id TEXT,
    announcement_event_id TEXT,
    announcement_revision INTEGER NOT NULL DEFAULT 0,
    announcement_dirty_at INTEGER
  ) STRICT;
  CREATE INDEX training_sessions_announcement ON training_sessions (announcement_event_id);

  CREATE TABLE training_registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('registered', 'waiting', 'offered', 'cancelled', 'expired')),
    signed_up_at INTEGER NOT NULL,
    offer_expires_at INTEGER,
    reaction_event_id TEXT,
    updated_at INTEGER NOT NULL,
    UNIQUE (session_id, user_id)
  ) STRICT;
  CREATE INDEX training_registrations_queue ON training_registrations (session_id, status, signed_up_at, id);

  CREATE TABLE training_reminders (
    session_id INTEGER NOT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, user_id)
  ) STRICT;
  `;
