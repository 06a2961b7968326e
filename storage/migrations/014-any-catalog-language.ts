/**
 * 14: a room's language is any code of locales/languages.json, not only fr or en: adding a language
 * is a matter of texts, not of schema. SQLite cannot drop a CHECK, so the table is rebuilt (the
 * runner turns foreign keys off around migrations and checks them before committing).
 */
export const migration014 = `
  CREATE TABLE rooms_rebuilt (
    room_id TEXT PRIMARY KEY,
    name TEXT,
    language TEXT CHECK (language IS NULL OR length(language) BETWEEN 2 AND 16),
    time_zone TEXT,
    membership TEXT NOT NULL CHECK (membership IN ('invite', 'join', 'leave', 'rejected')),
    inviter TEXT,
    joined_at INTEGER,
    left_at INTEGER,
    encrypted INTEGER NOT NULL DEFAULT 0,
    encryption_notice_at INTEGER,
    last_activity_at INTEGER,
    association_name TEXT,
    contact TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    member_count INTEGER,
    missing_powers TEXT NOT NULL DEFAULT '[]',
    direct INTEGER NOT NULL DEFAULT 0 CHECK (direct IN (0, 1))
  ) STRICT;
  INSERT INTO rooms_rebuilt (room_id, name, language, time_zone, membership, inviter, joined_at, left_at, encrypted, encryption_notice_at, last_activity_at, association_name, contact, tags, member_count, missing_powers, direct)
    SELECT room_id, name, language, time_zone, membership, inviter, joined_at, left_at, encrypted, encryption_notice_at, last_activity_at, association_name, contact, tags, member_count, missing_powers, direct FROM rooms;
  DROP TABLE rooms;
  ALTER TABLE rooms_rebuilt RENAME TO rooms;
`;
