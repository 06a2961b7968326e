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
  // 3: files sent with a message (CSV exports…), uploaded by the sender just before sending.
  `
  ALTER TABLE outbox ADD COLUMN attachment BLOB;
  ALTER TABLE outbox ADD COLUMN attachment_name TEXT;
  ALTER TABLE outbox ADD COLUMN attachment_type TEXT;
  `,
  // 4: meeting polls — native polls, date polls, anonymous ballots (erased at close).
  `
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
  `,
  // 5: direct messages (created once per member, reused) and pinning, as outbox actions.
  `
  CREATE TABLE direct_rooms (
    user_id TEXT PRIMARY KEY,
    room_id TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  ALTER TABLE outbox ADD COLUMN target_user TEXT;
  `,
  // 6: the centre's trainings — sessions with capacity, waiting list, promotions, reminders.
  `
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
  `,
  // 7: document links — per-room lists with tags, the pinned index message, dead-link check state.
  `
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
  `,
  // 8: association registry (name, contact, tags, members, Minou's powers), FAQ, onboarding.
  `
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
  `,
  // 9: staff announcements — one draft per staff member, scheduled sends, one delivery per room.
  `
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
  `,
  // 10: members' control of their data — erasure records (so a recount never brings an erased
  // member's old poll responses back), per-room number floors (purged events and polls never free
  // their number), and indexes for per-member look-ups and the retention purges.
  `
  CREATE TABLE erased_members (
    user_id TEXT PRIMARY KEY,
    erased_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE purged_numbers (
    room_id TEXT NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('agenda', 'poll')),
    last_number INTEGER NOT NULL,
    PRIMARY KEY (room_id, kind)
  ) STRICT;

  CREATE INDEX agenda_answers_user ON agenda_answers (user_id);
  CREATE INDEX agenda_events_creator ON agenda_events (created_by);
  CREATE INDEX agenda_events_ends ON agenda_events (ends_at);
  CREATE INDEX poll_votes_voter ON poll_votes (voter);
  CREATE INDEX poll_responses_sender ON poll_responses (sender);
  CREATE INDEX polls_creator ON polls (created_by);
  CREATE INDEX polls_closer ON polls (closed_by) WHERE closed_by IS NOT NULL;
  CREATE INDEX polls_closed ON polls (closed_at) WHERE closed_at IS NOT NULL;
  CREATE INDEX training_registrations_user ON training_registrations (user_id);
  CREATE INDEX training_reminders_user ON training_reminders (user_id);
  CREATE INDEX training_sessions_ends ON training_sessions (ends_at);
  CREATE INDEX outbox_target_user ON outbox (target_user) WHERE target_user IS NOT NULL;
  `,
];
