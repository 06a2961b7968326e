/**
 * 7: document links — per-room lists with tags, the pinned index message, dead-link check state.
 */
export const migration007 = `
  CREATE TABLE document_rooms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id TEXT NOT NULL UNIQUE REFERENCES rooms (room_id) ON DELETE CASCADE,
    last_number INTEGER NOT NULL DEFAULT 0,
    index_requested_at INTEGER,
    index_pin INTEGER NOT NULL DEFAULT 0,
    index_event_id TEXT,
    index_revision INTEGER NOT NULL DEFAULT 0,
    index_dirty_at INTEGER
  ) STRICT;
  CREATE INDEX document_rooms_index_dirty ON document_rooms (index_dirty_at) WHERE index_dirty_at IS NOT NULL;

  CREATE TABLE documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id TEXT NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    added_by TEXT,
    added_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    url_since INTEGER NOT NULL,
    link_checked_at INTEGER,
    link_failures INTEGER NOT NULL DEFAULT 0,
    link_problem TEXT,
    link_retry_at INTEGER,
    link_reported_at INTEGER,
    UNIQUE (room_id, number),
    UNIQUE (room_id, url)
  ) STRICT;
  CREATE INDEX documents_added_by ON documents (added_by) WHERE added_by IS NOT NULL;
  `;
