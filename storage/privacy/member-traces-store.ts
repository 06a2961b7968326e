import type { Db } from "../database.ts";

/**
 * A member's traces in Minou's own bookkeeping, outside any feature: the rooms they invited Minou
 * to, and the direct messages already sent to them. The rooms and outbox stores own these tables;
 * this store only reads and forgets the member's part of them.
 */
export class MemberTracesStore {
  private readonly selectInvited;
  private readonly updateForgetInviter;
  private readonly updateForgetRecipient;

  constructor(db: Db) {
    this.selectInvited = db.prepare<[string], { room_id: string; name: string | null }>(
      "SELECT room_id, name FROM rooms WHERE inviter = ? ORDER BY room_id",
    );
    // A pending invite still needs its inviter to be answered (their server decides); it is done in seconds.
    this.updateForgetInviter = db.prepare<[string]>("UPDATE rooms SET inviter = NULL WHERE inviter = ? AND membership <> 'invite'");
    // Messages still waiting keep their recipient: they are delivered first. A message given up keeps
    // its text and log context for diagnosis until the purge, unless it names the member. The scan
    // is bounded by the outbox's retention and erasures are rare.
    this.updateForgetRecipient = db.prepare<[string, string]>(
      `UPDATE outbox SET target_user = NULL, context = '', content = '{}', attachment = NULL
       WHERE (sent_at IS NOT NULL OR failed_at IS NOT NULL) AND (target_user = ? OR instr(context, ?) > 0)`,
    );
  }

  /** Rooms the member invited Minou to. */
  roomsInvitedBy(userId: string): { roomId: string; name: string | null }[] {
    return this.selectInvited.all(userId).map((row) => ({ roomId: row.room_id, name: row.name }));
  }

  /** Forgets the member as inviter and as recipient of past direct messages. */
  forget(userId: string): { invitations: number; directMessages: number } {
    return { invitations: this.updateForgetInviter.run(userId).changes, directMessages: this.updateForgetRecipient.run(userId, userId).changes };
  }
}
