/**
 * 5: direct messages (created once per member, reused) and pinning, as outbox actions.
 */
export const migration005 = `
  CREATE TABLE direct_rooms (
    user_id TEXT PRIMARY KEY,
    room_id TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  ALTER TABLE outbox ADD COLUMN target_user TEXT;
  `;
