/**
 * 9: staff announcements — one draft per staff member, scheduled sends, one delivery per room.
 */
export const migration009 = `
  CREATE TABLE staff_announcements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    author TEXT NOT NULL,
    staff_room_id TEXT NOT NULL,
    text TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    pin INTEGER NOT NULL DEFAULT 0 CHECK (pin IN (0, 1)),
    mention_room INTEGER NOT NULL DEFAULT 0 CHECK (mention_room IN (0, 1)),
    status TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'sending', 'done', 'cancelled')),
    send_at INTEGER,
    time_zone TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    confirmed_at INTEGER,
    started_at INTEGER,
    finished_at INTEGER,
    cancelled_by TEXT,
    progress_event_id TEXT,
    progress_revision INTEGER NOT NULL DEFAULT 0,
    progress_dirty_at INTEGER
  ) STRICT;
  CREATE UNIQUE INDEX staff_announcements_draft ON staff_announcements (author) WHERE status = 'draft';
  CREATE INDEX staff_announcements_due ON staff_announcements (send_at) WHERE status = 'scheduled';
  CREATE INDEX staff_announcements_progress ON staff_announcements (progress_dirty_at) WHERE progress_dirty_at IS NOT NULL;

  CREATE TABLE staff_announcement_deliveries (
    announcement_id INTEGER NOT NULL REFERENCES staff_announcements (id) ON DELETE CASCADE,
    room_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    room_name TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    event_id TEXT,
    failure TEXT,
    failure_status INTEGER,
    pin TEXT CHECK (pin IN ('pending', 'pinned', 'refused', 'failed')),
    settled_at INTEGER,
    PRIMARY KEY (announcement_id, room_id)
  ) STRICT;
  `;
