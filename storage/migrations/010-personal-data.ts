/**
 * 10: members' control of their data — erasure records (so a recount never brings an erased
 * member's old poll responses back), per-room number floors (purged events and polls never free
 * their number), and indexes for per-member look-ups and the retention purges.
 */
export const migration010 = `
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
  `;
