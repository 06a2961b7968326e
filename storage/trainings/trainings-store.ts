import type { SessionCounts, TrainingSession } from "../../src/trainings/model.ts";
import type { Db } from "../database.ts";
import { FORGOTTEN_MEMBER } from "../privacy/erased-members-store.ts";

interface SessionRow {
  id: number;
  training_id: number;
  title: string;
  description: string | null;
  uid: string;
  starts_at: number;
  ends_at: number;
  time_zone: string;
  capacity: number;
  location: string | null;
  confirmation_hours: number | null;
  cancelled_at: number | null;
  sequence: number;
  created_by: string;
  created_at: number;
  updated_at: number;
  announcement_room_id: string | null;
  announcement_event_id: string | null;
}

export interface NewSession {
  readonly trainingId: number;
  readonly uid: string;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly timeZone: string;
  readonly capacity: number;
  readonly location: string | null;
  readonly confirmationHours: number | null;
}

const SESSION = `SELECT s.id, s.training_id, t.title, t.description, s.uid, s.starts_at, s.ends_at, s.time_zone, s.capacity, s.location,
  s.confirmation_hours, s.cancelled_at, s.sequence, t.created_by, t.created_at, s.updated_at, s.announcement_room_id, s.announcement_event_id
  FROM training_sessions s JOIN trainings t ON t.id = s.training_id`;

function toSession(row: SessionRow): TrainingSession {
  return {
    id: row.id,
    trainingId: row.training_id,
    title: row.title,
    description: row.description,
    uid: row.uid,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    timeZone: row.time_zone,
    capacity: row.capacity,
    location: row.location,
    confirmationHours: row.confirmation_hours,
    cancelledAt: row.cancelled_at,
    sequence: row.sequence,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    announcementRoomId: row.announcement_room_id,
    announcementEventId: row.announcement_event_id,
  };
}

/** Trainings and their sessions. */
export class TrainingsStore {
  private readonly insertTraining;
  private readonly insertSession;
  private readonly selectSession;
  private readonly selectUpcoming;
  private readonly selectAll;
  private readonly selectByAnnouncement;
  private readonly selectTrainingExists;
  private readonly selectCounts;
  private readonly updateAnnouncement;
  private readonly updateCancelled;
  private readonly updateTiming;
  private readonly updateLocation;
  private readonly updateCapacity;
  private readonly touchStatement;
  private readonly selectVersion;
  private readonly markDirtyStatement;
  private readonly selectDirty;
  private readonly selectAnyDirty;
  private readonly takeDirty;
  private readonly selectCreatedBy;
  private readonly updateForgetCreator;
  private readonly deleteSessionsEndedBefore;
  private readonly deleteEmptyTrainings;

  constructor(db: Db) {
    this.insertTraining = db.prepare<[string, string | null, string, number], { id: number }>(
      "INSERT INTO trainings (title, description, created_by, created_at) VALUES (?, ?, ?, ?) RETURNING id",
    );
    this.insertSession = db.prepare<[number, string, number, number, string, number, string | null, number | null, number], { id: number }>(
      `INSERT INTO training_sessions (training_id, uid, starts_at, ends_at, time_zone, capacity, location, confirmation_hours, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    this.selectSession = db.prepare<[number], SessionRow>(`${SESSION} WHERE s.id = ?`);
    this.selectUpcoming = db.prepare<[number], SessionRow>(`${SESSION} WHERE s.ends_at > ? AND s.cancelled_at IS NULL ORDER BY s.starts_at, s.id`);
    this.selectAll = db.prepare<[], SessionRow>(`${SESSION} ORDER BY s.starts_at, s.id`);
    this.selectByAnnouncement = db.prepare<[string], SessionRow>(`${SESSION} WHERE s.announcement_event_id = ?`);
    this.selectTrainingExists = db.prepare<[number], { id: number }>("SELECT id FROM trainings WHERE id = ?");
    this.selectCounts = db.prepare<[number], { registered: number; offered: number; waiting: number }>(
      `SELECT count(*) FILTER (WHERE status = 'registered') AS registered, count(*) FILTER (WHERE status = 'offered') AS offered,
         count(*) FILTER (WHERE status = 'waiting') AS waiting FROM training_registrations WHERE session_id = ?`,
    );
    this.updateAnnouncement = db.prepare<[string, string, number]>("UPDATE training_sessions SET announcement_room_id = ?, announcement_event_id = ? WHERE id = ?");
    this.updateCancelled = db.prepare<[number, number, number]>(
      "UPDATE training_sessions SET cancelled_at = ?, sequence = sequence + 1, updated_at = ? WHERE id = ? AND cancelled_at IS NULL",
    );
    this.updateTiming = db.prepare<[number, number, number, number]>(
      "UPDATE training_sessions SET starts_at = ?, ends_at = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?",
    );
    this.updateLocation = db.prepare<[string | null, number, number]>("UPDATE training_sessions SET location = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?");
    this.updateCapacity = db.prepare<[number, number, number]>("UPDATE training_sessions SET capacity = ?, updated_at = ? WHERE id = ?");
    this.touchStatement = db.prepare<[number, number]>("UPDATE training_sessions SET updated_at = max(updated_at + 1, ?) WHERE id = ?");
    this.selectVersion = db.prepare<[], { version: string }>(
      "SELECT coalesce(max(updated_at), 0) || '-' || count(*) AS version FROM training_sessions",
    );
    this.markDirtyStatement = db.prepare<[number, number]>(
      "UPDATE training_sessions SET announcement_dirty_at = coalesce(announcement_dirty_at, ?) WHERE id = ? AND announcement_event_id IS NOT NULL",
    );
    this.selectDirty = db.prepare<[number], { id: number }>("SELECT id FROM training_sessions WHERE announcement_dirty_at <= ? ORDER BY id");
    this.selectAnyDirty = db.prepare<[], { one: number }>("SELECT 1 AS one FROM training_sessions WHERE announcement_dirty_at IS NOT NULL LIMIT 1");
    this.takeDirty = db.prepare<[number], { revision: number }>(
      "UPDATE training_sessions SET announcement_dirty_at = NULL, announcement_revision = announcement_revision + 1 WHERE id = ? RETURNING announcement_revision AS revision",
    );
    this.selectCreatedBy = db.prepare<[string], { id: number; title: string; created_at: number }>(
      "SELECT id, title, created_at FROM trainings WHERE created_by = ? ORDER BY id",
    );
    this.updateForgetCreator = db.prepare<[string, string]>("UPDATE trainings SET created_by = ? WHERE created_by = ?");
    this.deleteSessionsEndedBefore = db.prepare<[number]>("DELETE FROM training_sessions WHERE ends_at < ?");
    // A training created long ago whose every session is gone has nothing left to show.
    this.deleteEmptyTrainings = db.prepare<[number]>(
      "DELETE FROM trainings WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM training_sessions s WHERE s.training_id = trainings.id)",
    );
  }

  createTraining(title: string, description: string | null, createdBy: string, now: number): number {
    const row = this.insertTraining.get(title, description, createdBy, now);
    if (row === undefined) throw new Error("training not created");
    return row.id;
  }

  trainingExists(id: number): boolean {
    return this.selectTrainingExists.get(id) !== undefined;
  }

  addSession(session: NewSession, now: number): TrainingSession {
    const row = this.insertSession.get(session.trainingId, session.uid, session.startsAt, session.endsAt, session.timeZone, session.capacity, session.location, session.confirmationHours, now);
    const created = row === undefined ? undefined : this.session(row.id);
    if (created === undefined) throw new Error("session not created");
    return created;
  }

  session(id: number): TrainingSession | undefined {
    const row = this.selectSession.get(id);
    return row === undefined ? undefined : toSession(row);
  }

  byAnnouncement(eventId: string): TrainingSession | undefined {
    const row = this.selectByAnnouncement.get(eventId);
    return row === undefined ? undefined : toSession(row);
  }

  /** Sessions not over yet and not cancelled, soonest first. */
  upcoming(now: number): TrainingSession[] {
    return this.selectUpcoming.all(now).map(toSession);
  }

  /** Every session, cancelled ones included (feeds keep them so calendars remove them). */
  all(): TrainingSession[] {
    return this.selectAll.all().map(toSession);
  }

  counts(session: TrainingSession): SessionCounts {
    const row = this.selectCounts.get(session.id) ?? { registered: 0, offered: 0, waiting: 0 };
    return { ...row, placesLeft: Math.max(0, session.capacity - row.registered - row.offered) };
  }

  setAnnouncement(id: number, roomId: string, eventId: string): void {
    this.updateAnnouncement.run(roomId, eventId, id);
  }

  cancel(id: number, now: number): boolean {
    return this.updateCancelled.run(now, now, id).changes === 1;
  }

  reschedule(id: number, startsAt: number, endsAt: number, now: number): void {
    this.updateTiming.run(startsAt, endsAt, now, id);
  }

  setLocation(id: number, location: string | null, now: number): void {
    this.updateLocation.run(location, now, id);
  }

  setCapacity(id: number, capacity: number, now: number): void {
    this.updateCapacity.run(capacity, now, id);
  }

  /** Registrations changed: feeds (places left) and the announcement must follow. */
  touch(id: number, now: number): void {
    this.touchStatement.run(now, id);
    this.markDirtyStatement.run(now, id);
  }

  version(): string {
    return this.selectVersion.get()?.version ?? "0-0";
  }

  hasDirtyAnnouncement(): boolean {
    return this.selectAnyDirty.get() !== undefined;
  }

  dirtyAnnouncements(changedBefore: number): number[] {
    return this.selectDirty.all(changedBefore).map((row) => row.id);
  }

  takeAnnouncementEdit(id: number): number {
    return this.takeDirty.get(id)?.revision ?? 0;
  }

  /** Trainings a staff member created, for the export of their data. */
  createdBy(userId: string): { id: number; title: string; createdAt: number }[] {
    return this.selectCreatedBy.all(userId).map((row) => ({ id: row.id, title: row.title, createdAt: row.created_at }));
  }

  /** Keeps the trainings a member created, without their name; returns how many. */
  forgetCreator(userId: string): number {
    return this.updateForgetCreator.run(FORGOTTEN_MEMBER, userId).changes;
  }

  /** Deletes sessions that ended before `at` (with their sign-ups), then trainings left empty. */
  purgeEndedBefore(at: number): { sessions: number; trainings: number } {
    const sessions = this.deleteSessionsEndedBefore.run(at).changes;
    return { sessions, trainings: this.deleteEmptyTrainings.run(at).changes };
  }
}
