/**
 * 8: association registry (name, contact, tags, members, Minou's powers), FAQ, onboarding.
 */
export const migration008 = `
  ALTER TABLE rooms ADD COLUMN association_name TEXT;
  ALTER TABLE rooms ADD COLUMN contact TEXT;
  ALTER TABLE rooms ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE rooms ADD COLUMN member_count INTEGER;
  ALTER TABLE rooms ADD COLUMN missing_powers TEXT NOT NULL DEFAULT '[]';

  CREATE TABLE faq_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id TEXT REFERENCES rooms (room_id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    added_by TEXT,
    added_at INTEGER NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX faq_entries_number ON faq_entries (coalesce(room_id, ''), number);

  CREATE TABLE welcome_queue (
    room_id TEXT NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (room_id, user_id)
  ) STRICT;

  CREATE TABLE guides_sent (
    user_id TEXT PRIMARY KEY,
    sent_at INTEGER NOT NULL
  ) STRICT;
  `;
