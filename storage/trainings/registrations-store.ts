import type { Registration, RegistrationStatus } from "../../src/trainings/model.ts";
import type { Db } from "../database.ts";

interface RegistrationRow {
  id: number;
  session_id: number;
  user_id: string;
  status: RegistrationStatus;
  signed_up_at: number;
  offer_expires_at: number | null;
  reaction_event_id: string | null;
}

function toRegistration(row: RegistrationRow): Registration {
  return {
    id: row.id,
    sessionId: row.session_id,
    userId: row.user_id,
    status: row.status,
    signedUpAt: row.signed_up_at,
    offerExpiresAt: row.offer_expires_at,
    reactionEventId: row.reaction_event_id,
  };
}

/** Who holds a seat, who waits (first come, first served), who was promoted and must confirm. */
export class RegistrationsStore {
  private readonly select;
  private readonly selectById;
  private readonly upsert;
  private readonly updateStatus;
  private readonly selectFirstWaiting;
  private readonly selectSession;
  private readonly selectByReaction;
  private readonly selectOfUser;
  private readonly selectExpiredOffers;
  private readonly selectPosition;
  private readonly claimReminderStatement;
  private readonly selectAllOfUser;
  private readonly selectRemindersOfUser;
  private readonly deleteOfUser;
  private readonly deleteRemindersOfUser;

  constructor(db: Db) {
    this.select = db.prepare<[number, string], RegistrationRow>("SELECT * FROM training_registrations WHERE session_id = ? AND user_id = ?");
    this.selectById = db.prepare<[number], RegistrationRow>("SELECT * FROM training_registrations WHERE id = ?");
    // Signing up again after cancelling goes to the back of the queue, as it should.
    this.upsert = db.prepare<[number, string, RegistrationStatus, number, string | null, number], RegistrationRow>(
      `INSERT INTO training_registrations (session_id, user_id, status, signed_up_at, reaction_event_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (session_id, user_id) DO UPDATE SET status = excluded.status, signed_up_at = excluded.signed_up_at,
         reaction_event_id = excluded.reaction_event_id, offer_expires_at = NULL, updated_at = excluded.updated_at
       RETURNING *`,
    );
    this.updateStatus = db.prepare<[RegistrationStatus, number | null, number, number]>(
      "UPDATE training_registrations SET status = ?, offer_expires_at = ?, updated_at = ? WHERE id = ?",
    );
    this.selectFirstWaiting = db.prepare<[number], RegistrationRow>(
      "SELECT * FROM training_registrations WHERE session_id = ? AND status = 'waiting' ORDER BY signed_up_at, id LIMIT 1",
    );
    this.selectSession = db.prepare<[number], RegistrationRow>(
      `SELECT * FROM training_registrations WHERE session_id = ?
       ORDER BY CASE status WHEN 'registered' THEN 0 WHEN 'offered' THEN 1 WHEN 'waiting' THEN 2 ELSE 3 END, signed_up_at, id`,
    );
    this.selectByReaction = db.prepare<[string], RegistrationRow>("SELECT * FROM training_registrations WHERE reaction_event_id = ?");
    this.selectOfUser = db.prepare<[string], RegistrationRow>(
      "SELECT * FROM training_registrations WHERE user_id = ? AND status IN ('registered', 'offered', 'waiting') ORDER BY signed_up_at",
    );
    this.selectExpiredOffers = db.prepare<[number], RegistrationRow>(
      "SELECT * FROM training_registrations WHERE status = 'offered' AND offer_expires_at <= ? ORDER BY offer_expires_at, id",
    );
    this.selectPosition = db.prepare<[number, number, number, number], { position: number }>(
      `SELECT count(*) AS position FROM training_registrations
       WHERE session_id = ? AND status = 'waiting' AND (signed_up_at < ? OR (signed_up_at = ? AND id <= ?))`,
    );
    this.claimReminderStatement = db.prepare<[number, string, number]>(
      "INSERT INTO training_reminders (session_id, user_id, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
    );
    this.selectAllOfUser = db.prepare<[string], RegistrationRow>("SELECT * FROM training_registrations WHERE user_id = ? ORDER BY signed_up_at, id");
    this.selectRemindersOfUser = db.prepare<[string], { session_id: number; sent_at: number }>(
      "SELECT session_id, sent_at FROM training_reminders WHERE user_id = ? ORDER BY sent_at",
    );
    this.deleteOfUser = db.prepare<[string]>("DELETE FROM training_registrations WHERE user_id = ?");
    this.deleteRemindersOfUser = db.prepare<[string]>("DELETE FROM training_reminders WHERE user_id = ?");
  }

  of(sessionId: number, userId: string): Registration | undefined {
    const row = this.select.get(sessionId, userId);
    return row === undefined ? undefined : toRegistration(row);
  }

  byId(id: number): Registration | undefined {
    const row = this.selectById.get(id);
    return row === undefined ? undefined : toRegistration(row);
  }

  signUp(sessionId: number, userId: string, status: "registered" | "waiting", reactionEventId: string | null, now: number): Registration {
    const row = this.upsert.get(sessionId, userId, status, now, reactionEventId, now);
    if (row === undefined) throw new Error("registration not recorded");
    return toRegistration(row);
  }

  setStatus(id: number, status: RegistrationStatus, now: number, offerExpiresAt: number | null = null): void {
    this.updateStatus.run(status, offerExpiresAt, now, id);
  }

  firstWaiting(sessionId: number): Registration | undefined {
    const row = this.selectFirstWaiting.get(sessionId);
    return row === undefined ? undefined : toRegistration(row);
  }

  /** Seat holders, then promoted, then the waiting list in order, then the others. */
  ofSession(sessionId: number): Registration[] {
    return this.selectSession.all(sessionId).map(toRegistration);
  }

  byReaction(reactionEventId: string): Registration | undefined {
    const row = this.selectByReaction.get(reactionEventId);
    return row === undefined ? undefined : toRegistration(row);
  }

  /** A member's current sign-ups and places on waiting lists. */
  ofUser(userId: string): Registration[] {
    return this.selectOfUser.all(userId).map(toRegistration);
  }

  expiredOffers(now: number): Registration[] {
    return this.selectExpiredOffers.all(now).map(toRegistration);
  }

  /** 1 for the first person waiting. */
  waitingPosition(registration: Registration): number {
    return this.selectPosition.get(registration.sessionId, registration.signedUpAt, registration.signedUpAt, registration.id)?.position ?? 0;
  }

  /** The day-before reminder, once per member and session. */
  claimReminder(sessionId: number, userId: string, now: number): boolean {
    return this.claimReminderStatement.run(sessionId, userId, now).changes === 1;
  }

  /** Every registration of a member, past and cancelled ones included (the export of their data). */
  allOfUser(userId: string): Registration[] {
    return this.selectAllOfUser.all(userId).map(toRegistration);
  }

  /** The day-before reminders a member was sent. */
  remindersOf(userId: string): { sessionId: number; sentAt: number }[] {
    return this.selectRemindersOfUser.all(userId).map((row) => ({ sessionId: row.session_id, sentAt: row.sent_at }));
  }

  /** Forgets a member's registrations and reminders (once their seats were given back); returns how many registrations. */
  eraseMember(userId: string): number {
    this.deleteRemindersOfUser.run(userId);
    return this.deleteOfUser.run(userId).changes;
  }
}
