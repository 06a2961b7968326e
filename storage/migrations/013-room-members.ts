/**
 * 13: each room's members as its `m.room.member` state last showed them, so Minou calls people by
 * the name Element shows in that room, also after a restart (a sync with a token brings no full
 * state). `name_key` is the display name as compared for look-alikes (src/matrix/display-names.ts).
 * Rooms joined before this version are counted again: the count job fills in their members.
 */
export const migration013 = `
  CREATE TABLE room_members (
    room_id TEXT NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    membership TEXT NOT NULL,
    display_name TEXT,
    name_key TEXT,
    PRIMARY KEY (room_id, user_id)
  ) STRICT;
  CREATE INDEX room_members_by_name ON room_members (room_id, name_key);

  UPDATE rooms SET member_count = NULL WHERE membership = 'join';
`;
