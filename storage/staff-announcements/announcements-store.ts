import type { Db } from "../database.ts";

export type AnnouncementStatus = "draft" | "scheduled" | "sending" | "done" | "cancelled";

/** A staff announcement: a preview (draft) until confirmed, then scheduled or sent. */
export interface StaffAnnouncement {
  readonly id: number;
  readonly author: string;
  readonly staffRoomId: string;
  /** The staff member's Markdown, as typed. */
  readonly text: string;
  /** Normalised tags (no "#"); none: every association room. */
  readonly tags: readonly string[];
  readonly pin: boolean;
  readonly mentionRoom: boolean;
  readonly status: AnnouncementStatus;
  /** UTC ms; null: sent on confirmation. */
  readonly sendAt: number | null;
  readonly timeZone: string;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly progressEventId: string | null;
}

export interface NewAnnouncement {
  readonly author: string;
  readonly staffRoomId: string;
  readonly text: string;
  readonly tags: readonly string[];
  readonly pin: boolean;
  readonly mentionRoom: boolean;
  readonly sendAt: number | null;
  readonly timeZone: string;
}

interface AnnouncementRow {
  id: number;
  author: string;
  staff_room_id: string;
  text: string;
  tags: string;
  pin: number;
  mention_room: number;
  status: AnnouncementStatus;
  send_at: number | null;
  time_zone: string;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  progress_event_id: string | null;
  cancelled_by: string | null;
}

/** The author of an announcement whose author erased their data (the column cannot be empty of meaning: "" is no user). */
export const ERASED_AUTHOR = "";

function toAnnouncement(row: AnnouncementRow): StaffAnnouncement {
  return {
    id: row.id,
    author: row.author,
    staffRoomId: row.staff_room_id,
    text: row.text,
    tags: JSON.parse(row.tags) as string[],
    pin: row.pin === 1,
    mentionRoom: row.mention_room === 1,
    status: row.status,
    sendAt: row.send_at,
    timeZone: row.time_zone,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    progressEventId: row.progress_event_id,
  };
}

/**
 * Staff announcements and their life: one draft per staff member (a new preview replaces the
 * last), then scheduled or sending, then done. Status changes are guarded by the status they
 * leave, so a confirmation typed twice or a tick run twice changes nothing the second time.
 */
export class StaffAnnouncementsStore {
  private readonly select;
  private readonly selectDraft;
  private readonly deleteDraft;
  private readonly insert;
  private readonly updateScheduled;
  private readonly updateStarted;
  private readonly updateFinished;
  private readonly updateCancelled;
  private readonly selectDue;
  private readonly selectByStatus;
  private readonly selectRecent;
  private readonly updateProgressEvent;
  private readonly updateProgressDirty;
  private readonly selectProgressDirty;
  private readonly selectAnyProgressDirty;
  private readonly takeProgress;
  private readonly selectOfMember;
  private readonly deleteMemberDrafts;
  private readonly clearAuthor;
  private readonly clearCanceller;

  constructor(db: Db) {
    this.select = db.prepare<[number], AnnouncementRow>("SELECT * FROM staff_announcements WHERE id = ?");
    this.selectDraft = db.prepare<[string], AnnouncementRow>("SELECT * FROM staff_announcements WHERE author = ? AND status = 'draft'");
    this.deleteDraft = db.prepare<[string]>("DELETE FROM staff_announcements WHERE author = ? AND status = 'draft'");
    this.insert = db.prepare<[string, string, string, string, number, number, number | null, string, number]>(
      `INSERT INTO staff_announcements (author, staff_room_id, text, tags, pin, mention_room, status, send_at, time_zone, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)`,
    );
    this.updateScheduled = db.prepare<[number, number]>(
      "UPDATE staff_announcements SET status = 'scheduled', confirmed_at = ? WHERE id = ? AND status = 'draft'",
    );
    this.updateStarted = db.prepare<[number, number, number]>(
      "UPDATE staff_announcements SET status = 'sending', started_at = ?, confirmed_at = coalesce(confirmed_at, ?) WHERE id = ? AND status IN ('draft', 'scheduled')",
    );
    this.updateFinished = db.prepare<[number, number]>("UPDATE staff_announcements SET status = 'done', finished_at = ? WHERE id = ? AND status = 'sending'");
    this.updateCancelled = db.prepare<[string, number]>(
      "UPDATE staff_announcements SET status = 'cancelled', cancelled_by = ? WHERE id = ? AND status = 'scheduled'",
    );
    this.selectDue = db.prepare<[number], AnnouncementRow>(
      "SELECT * FROM staff_announcements WHERE status = 'scheduled' AND send_at <= ? ORDER BY send_at, id",
    );
    this.selectByStatus = db.prepare<[AnnouncementStatus], AnnouncementRow>(
      "SELECT * FROM staff_announcements WHERE status = ? ORDER BY coalesce(send_at, started_at), id",
    );
    this.selectRecent = db.prepare<[number], AnnouncementRow>(
      "SELECT * FROM staff_announcements WHERE status = 'done' ORDER BY finished_at DESC, id DESC LIMIT ?",
    );
    this.updateProgressEvent = db.prepare<[string, number]>("UPDATE staff_announcements SET progress_event_id = ? WHERE id = ?");
    // "Dirty since": a broadcast marks it at every delivery; keeping the first mark lets the
    // debounced edit come every few seconds instead of only once the broadcast is over.
    this.updateProgressDirty = db.prepare<[number, number]>(
      "UPDATE staff_announcements SET progress_dirty_at = coalesce(progress_dirty_at, ?) WHERE id = ?",
    );
    this.selectProgressDirty = db.prepare<[number], { id: number }>(
      "SELECT id FROM staff_announcements WHERE progress_dirty_at <= ? AND progress_event_id IS NOT NULL ORDER BY id",
    );
    this.selectAnyProgressDirty = db.prepare<[], { id: number }>(
      "SELECT id FROM staff_announcements WHERE progress_dirty_at IS NOT NULL AND progress_event_id IS NOT NULL LIMIT 1",
    );
    this.selectOfMember = db.prepare<[string, string], AnnouncementRow>("SELECT * FROM staff_announcements WHERE author = ? OR cancelled_by = ? ORDER BY id");
    this.deleteMemberDrafts = db.prepare<[string]>("DELETE FROM staff_announcements WHERE author = ? AND status = 'draft'");
    this.clearAuthor = db.prepare<[string, string]>("UPDATE staff_announcements SET author = ? WHERE author = ?");
    this.clearCanceller = db.prepare<[string]>("UPDATE staff_announcements SET cancelled_by = NULL WHERE cancelled_by = ?");
    this.takeProgress = db.prepare<[number], { progress_revision: number }>(
      "UPDATE staff_announcements SET progress_dirty_at = NULL, progress_revision = progress_revision + 1 WHERE id = ? RETURNING progress_revision",
    );
  }

  /** Announcements `userId` wrote or cancelled, with whether they cancelled each. */
  ofMember(userId: string): { readonly announcement: StaffAnnouncement; readonly cancelledByThem: boolean }[] {
    return this.selectOfMember.all(userId, userId).map((row) => ({ announcement: toAnnouncement(row), cancelledByThem: row.cancelled_by === userId }));
  }

  /** Deletes the member's draft and takes their id off the others (author ERASED_AUTHOR); returns how many they wrote or cancelled. */
  forgetMember(userId: string): number {
    const count = this.selectOfMember.all(userId, userId).length;
    this.deleteMemberDrafts.run(userId);
    this.clearAuthor.run(ERASED_AUTHOR, userId);
    this.clearCanceller.run(userId);
    return count;
  }

  get(id: number): StaffAnnouncement | undefined {
    const row = this.select.get(id);
    return row === undefined ? undefined : toAnnouncement(row);
  }

  draftOf(author: string): StaffAnnouncement | undefined {
    const row = this.selectDraft.get(author);
    return row === undefined ? undefined : toAnnouncement(row);
  }

  /** A new preview replaces the author's previous one (its deliveries go with it). */
  createDraft(announcement: NewAnnouncement, now: number): StaffAnnouncement {
    this.deleteDraft.run(announcement.author);
    const { lastInsertRowid } = this.insert.run(
      announcement.author,
      announcement.staffRoomId,
      announcement.text,
      JSON.stringify(announcement.tags),
      announcement.pin ? 1 : 0,
      announcement.mentionRoom ? 1 : 0,
      announcement.sendAt,
      announcement.timeZone,
      now,
    );
    const created = this.get(Number(lastInsertRowid));
    if (created === undefined) throw new Error("staff announcement vanished after insert");
    return created;
  }

  discardDraft(author: string): boolean {
    return this.deleteDraft.run(author).changes === 1;
  }

  schedule(id: number, now: number): boolean {
    return this.updateScheduled.run(now, id).changes === 1;
  }

  /** Claims a draft or a due scheduled announcement for sending; false if already claimed. */
  begin(id: number, now: number): boolean {
    return this.updateStarted.run(now, now, id).changes === 1;
  }

  /** The last delivery settled; false if it was already marked done. */
  finish(id: number, now: number): boolean {
    return this.updateFinished.run(now, id).changes === 1;
  }

  cancelScheduled(id: number, by: string): boolean {
    return this.updateCancelled.run(by, id).changes === 1;
  }

  due(now: number): StaffAnnouncement[] {
    return this.selectDue.all(now).map(toAnnouncement);
  }

  withStatus(status: AnnouncementStatus): StaffAnnouncement[] {
    return this.selectByStatus.all(status).map(toAnnouncement);
  }

  recentlyDone(limit: number): StaffAnnouncement[] {
    return this.selectRecent.all(limit).map(toAnnouncement);
  }

  setProgressEvent(id: number, eventId: string): void {
    this.updateProgressEvent.run(eventId, id);
  }

  markProgressDirty(id: number, now: number): void {
    this.updateProgressDirty.run(now, id);
  }

  hasDirtyProgress(): boolean {
    return this.selectAnyProgressDirty.get() !== undefined;
  }

  dirtyProgress(changedBefore: number): number[] {
    return this.selectProgressDirty.all(changedBefore).map((row) => row.id);
  }

  /** Clears the mark and returns the edit's revision (for its transaction id). */
  takeProgressEdit(id: number): number {
    return this.takeProgress.get(id)?.progress_revision ?? 0;
  }
}
