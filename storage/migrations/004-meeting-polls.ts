/**
 * 4: meeting polls — native polls, date polls, anonymous ballots (erased at close).
 */
export const migration004 = `
  CREATE TABLE polls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id TEXT NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('question', 'dates')),
    question TEXT NOT NULL,
    disclosed INTEGER NOT NULL DEFAULT 1,
    anonymous INTEGER NOT NULL DEFAULT 0,
    code TEXT UNIQUE,
    external INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    deadline INTEGER,
    time_zone TEXT NOT NULL,
    start_event_id TEXT UNIQUE,
    summary_event_id TEXT,
    summary_revision INTEGER NOT NULL DEFAULT 0,
    summary_dirty_at INTEGER,
    closed_at INTEGER,
    closed_by TEXT,
    chosen_position INTEGER,
    agenda_event_id INTEGER REFERENCES agenda_events (id) ON DELETE SET NULL,
    UNIQUE (room_id, number)
  ) STRICT;
  CREATE INDEX polls_open_deadline ON polls (deadline) WHERE closed_at IS NULL AND deadline IS NOT NULL;
  CREATE INDEX polls_summary_dirty ON polls (summary_dirty_at) WHERE summary_dirty_at IS NOT NULL;

  CREATE TABLE poll_options (
    poll_id INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    answer_id TEXT NOT NULL,
    label TEXT NOT NULL,
    starts_at INTEGER,
    ends_at INTEGER,
    all_day INTEGER NOT NULL DEFAULT 0,
    message_event_id TEXT UNIQUE,
    PRIMARY KEY (poll_id, position)
  ) STRICT;

  CREATE TABLE poll_responses (
    event_id TEXT PRIMARY KEY,
    poll_id INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    sender TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    selections TEXT NOT NULL
  ) STRICT;
  CREATE INDEX poll_responses_poll ON poll_responses (poll_id);

  CREATE TABLE poll_votes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    poll_id INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    voter TEXT NOT NULL,
    answer TEXT NOT NULL CHECK (answer IN ('yes', 'maybe', 'no')),
    reaction_event_id TEXT UNIQUE,
    answered_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX poll_votes_poll ON poll_votes (poll_id, position, voter);

  CREATE TABLE poll_final_counts (
    poll_id INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    answer TEXT NOT NULL CHECK (answer IN ('yes', 'maybe', 'no')),
    count INTEGER NOT NULL,
    PRIMARY KEY (poll_id, position, answer)
  ) STRICT;
  `;
