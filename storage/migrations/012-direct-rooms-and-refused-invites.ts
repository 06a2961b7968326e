/**
 * 12: members' direct-message rooms with Minou, however they were opened (`direct`: by Minou,
 * by the member with `is_direct`, or listed in Minou's `m.direct`), are not association rooms;
 * and a refused invite leaves nothing behind (before, the inviter and the room name stayed for
 * `retention.leftRoomsDays` as a "rejected" room).
 */
export const migration012 = `
  ALTER TABLE rooms ADD COLUMN direct INTEGER NOT NULL DEFAULT 0 CHECK (direct IN (0, 1));
  UPDATE rooms SET direct = 1 WHERE room_id IN (SELECT room_id FROM direct_rooms);

  DELETE FROM rooms WHERE membership = 'rejected' AND joined_at IS NULL;
  UPDATE rooms SET membership = 'leave', inviter = NULL WHERE membership = 'rejected';
`;
