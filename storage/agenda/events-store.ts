import type { AgendaEvent, OccurrenceException } from "../../src/agenda/model.ts";
import type { Db } from "../database.ts";
import { FORGOTTEN_MEMBER } from "../privacy/erased-members-store.ts";

interface EventRow {
  id: number;
  room_id: string;
  number: number;
  uid: string;
  title: string;
  location: string | null;
  description: string | null;
  starts_at: number;
  ends_at: number;
  all_day: number;
  time_zone: string;
  rrule: string | null;
  status: "confirmed" | "cancelled";
  is_public: number;
  sequence: number;
  created_by: string;
  created_at: number;
  updated_at: number;
}

interface ExceptionRow {
  event_id: number;
  original_start: number;
  cancelled: number;
  starts_at: number | null;
  ends_at: number | null;
}

export interface NewAgendaEvent {
  readonly roomId: string;
  readonly uid: string;
  readonly title: string;
  readonly location: string | null;
  readonly description: string | null;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly allDay: boolean;
  readonly timeZone: string;
  readonly rrule: string | null;
  readonly createdBy: string;
}

/** What `!agenda modifier` may change; timing changes reschedule reminders. */
export type AgendaEventChange =
  | { readonly field: "title"; readonly value: string }
  | { readonly field: "location" | "description"; readonly value: string | null }
  | { readonly field: "timing"; readonly startsAt: number; readonly endsAt: number; readonly allDay: boolean; readonly rrule: string | null };

const COLUMNS = `id, room_id, number, uid, title, location, description, starts_at, ends_at, all_day, time_zone,
  rrule, status, is_public, sequence, created_by, created_at, updated_at`;

// Numbers of purged events stay used, so an old announcement's "n°3" never names a new event.
const NEXT_NUMBER = `(SELECT max(coalesce((SELECT max(number) FROM agenda_events WHERE room_id = @roomId), 0),
  coalesce((SELECT last_number FROM purged_numbers WHERE room_id = @roomId AND kind = 'agenda'), 0)) + 1)`;

/** Events of each room's agenda, numbered per room, with their per-occurrence changes. */
export class AgendaEventsStore {
  private readonly insert;
  private readonly selectById;
  private readonly selectByNumber;
  private readonly selectByAnnouncement;
  private readonly selectRoom;
  private readonly selectPublic;
  private readonly selectActive;
  private readonly selectExceptions;
  private readonly selectRoomExceptions;
  private readonly upsertException;
  private readonly updateStatus;
  private readonly updatePublic;
  private readonly updateAnnouncement;
  private readonly selectVersion;
  private readonly selectPublicVersion;
  private readonly updateTiming;
  private readonly deleteExceptions;
  private readonly updateField;
  private readonly touchTiming;
  private readonly selectTimingChangedAt;
  private readonly selectAnnouncement;
  private readonly selectByCreator;
  private readonly updateForgetCreator;
  private readonly selectEndedBefore;
  private readonly recordPurgedNumber;
  private readonly deleteById;

  constructor(db: Db) {
    this.insert = db.prepare<[Record<string, string | number | null>], { id: number }>(
      `INSERT INTO agenda_events (room_id, number, uid, title, location, description, starts_at, ends_at, all_day,
         time_zone, rrule, created_by, created_at, updated_at, timing_changed_at)
       VALUES (@roomId, ${NEXT_NUMBER}, @uid, @title,
         @location, @description, @startsAt, @endsAt, @allDay, @timeZone, @rrule, @createdBy, @now, @now, @now)
       RETURNING id`,
    );
    this.selectById = db.prepare<[number], EventRow>(`SELECT ${COLUMNS} FROM agenda_events WHERE id = ?`);
    this.selectByNumber = db.prepare<[string, number], EventRow>(`SELECT ${COLUMNS} FROM agenda_events WHERE room_id = ? AND number = ?`);
    this.selectByAnnouncement = db.prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM agenda_events WHERE announcement_event_id = ?`);
    this.selectRoom = db.prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM agenda_events WHERE room_id = ? ORDER BY starts_at, id`);
    this.selectPublic = db.prepare<[], EventRow>(`SELECT ${COLUMNS} FROM agenda_events WHERE is_public = 1 ORDER BY starts_at, id`);
    this.selectActive = db.prepare<[], EventRow>(`SELECT ${COLUMNS} FROM agenda_events WHERE status = 'confirmed' ORDER BY id`);
    this.selectExceptions = db.prepare<[number], ExceptionRow>("SELECT * FROM agenda_exceptions WHERE event_id = ? ORDER BY original_start");
    this.selectRoomExceptions = db.prepare<[string], ExceptionRow>(
      `SELECT x.* FROM agenda_exceptions x JOIN agenda_events e ON e.id = x.event_id WHERE e.room_id = ? ORDER BY x.original_start`,
    );
    this.upsertException = db.prepare<[number, number, number, number | null, number | null]>(
      `INSERT INTO agenda_exceptions (event_id, original_start, cancelled, starts_at, ends_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (event_id, original_start) DO UPDATE SET cancelled = excluded.cancelled, starts_at = excluded.starts_at, ends_at = excluded.ends_at`,
    );
    this.updateStatus = db.prepare<[string, number, number]>(
      "UPDATE agenda_events SET status = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?",
    );
    this.updatePublic = db.prepare<[number, number, number]>("UPDATE agenda_events SET is_public = ?, updated_at = ? WHERE id = ?");
    this.updateAnnouncement = db.prepare<[string, number]>("UPDATE agenda_events SET announcement_event_id = ? WHERE id = ?");
    this.selectVersion = db.prepare<[string], { version: string }>(
      "SELECT coalesce(max(updated_at), 0) || '-' || count(*) AS version FROM agenda_events WHERE room_id = ?",
    );
    // Un-publishing an event changes updated_at too, so the public version moves with it.
    this.selectPublicVersion = db.prepare<[], { version: string }>(
      "SELECT coalesce(max(updated_at), 0) || '-' || sum(is_public) AS version FROM agenda_events",
    );
    this.updateTiming = db.prepare<[number, number, number, string | null, number, number, number]>(
      `UPDATE agenda_events SET starts_at = ?, ends_at = ?, all_day = ?, rrule = ?, sequence = sequence + 1,
         updated_at = ?, timing_changed_at = ? WHERE id = ?`,
    );
    this.deleteExceptions = db.prepare<[number]>("DELETE FROM agenda_exceptions WHERE event_id = ?");
    const fieldUpdate = (column: string) =>
      db.prepare<[string | null, number, number]>(`UPDATE agenda_events SET ${column} = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?`);
    this.updateField = { title: fieldUpdate("title"), location: fieldUpdate("location"), description: fieldUpdate("description") };
    this.touchTiming = db.prepare<[number, number, number]>(
      "UPDATE agenda_events SET sequence = sequence + 1, updated_at = ?, timing_changed_at = ? WHERE id = ?",
    );
    this.selectAnnouncement = db.prepare<[number], { announcement_event_id: string | null }>(
      "SELECT announcement_event_id FROM agenda_events WHERE id = ?",
    );
    this.selectTimingChangedAt = db.prepare<[number], { at: number }>("SELECT timing_changed_at AS at FROM agenda_events WHERE id = ?");
    this.selectByCreator = db.prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM agenda_events WHERE created_by = ? ORDER BY starts_at, id`);
    this.updateForgetCreator = db.prepare<[string, string]>("UPDATE agenda_events SET created_by = ? WHERE created_by = ?");
    this.selectEndedBefore = db.prepare<[number], EventRow>(`SELECT ${COLUMNS} FROM agenda_events WHERE ends_at < ? ORDER BY id`);
    this.recordPurgedNumber = db.prepare<[number]>(
      `INSERT INTO purged_numbers (room_id, kind, last_number) SELECT room_id, 'agenda', number FROM agenda_events WHERE id = ?
       ON CONFLICT (room_id, kind) DO UPDATE SET last_number = max(last_number, excluded.last_number)`,
    );
    this.deleteById = db.prepare<[number]>("DELETE FROM agenda_events WHERE id = ?");
  }

  create(event: NewAgendaEvent, now: number): AgendaEvent {
    const row = this.insert.get({ ...event, allDay: event.allDay ? 1 : 0, now });
    const created = row === undefined ? undefined : this.get(row.id);
    if (created === undefined) throw new Error("agenda event not created");
    return created;
  }

  get(id: number): AgendaEvent | undefined {
    const row = this.selectById.get(id);
    return row === undefined ? undefined : this.withExceptions(row);
  }

  byNumber(roomId: string, number: number): AgendaEvent | undefined {
    const row = this.selectByNumber.get(roomId, number);
    return row === undefined ? undefined : this.withExceptions(row);
  }

  byAnnouncement(eventId: string): AgendaEvent | undefined {
    const row = this.selectByAnnouncement.get(eventId);
    return row === undefined ? undefined : this.withExceptions(row);
  }

  /** Every event of a room, cancelled ones included (feeds keep them so calendars remove them). */
  inRoom(roomId: string): AgendaEvent[] {
    const exceptions = groupExceptions(this.selectRoomExceptions.all(roomId));
    return this.selectRoom.all(roomId).map((row) => toEvent(row, exceptions.get(row.id) ?? []));
  }

  publicEvents(): AgendaEvent[] {
    return this.selectPublic.all().map((row) => this.withExceptions(row));
  }

  /** Confirmed events of every room: what reminders and digests look through. */
  active(): AgendaEvent[] {
    return this.selectActive.all().map((row) => this.withExceptions(row));
  }

  /** Changes whenever anything of the room's agenda that a feed shows changes. */
  version(roomId: string): string {
    return this.selectVersion.get(roomId)?.version ?? "0-0";
  }

  /** Changes whenever the centre-wide public agenda changes. */
  publicVersion(): string {
    return this.selectPublicVersion.get()?.version ?? "0-0";
  }

  update(id: number, change: AgendaEventChange, now: number): void {
    if (change.field === "timing") {
      this.updateTiming.run(change.startsAt, change.endsAt, change.allDay ? 1 : 0, change.rrule, now, now, id);
      // Per-occurrence changes belong to the old series.
      this.deleteExceptions.run(id);
      return;
    }
    this.updateField[change.field].run(change.value, now, id);
  }

  cancel(id: number, now: number): void {
    this.updateStatus.run("cancelled", now, id);
  }

  /** Cancels or moves one occurrence of a recurring event. */
  changeOccurrence(id: number, exception: OccurrenceException, now: number): void {
    this.upsertException.run(id, exception.originalStart, exception.cancelled ? 1 : 0, exception.startsAt ?? null, exception.endsAt ?? null);
    this.touchTiming.run(now, now, id);
  }

  setPublic(id: number, isPublic: boolean, now: number): void {
    this.updatePublic.run(isPublic ? 1 : 0, now, id);
  }

  setAnnouncement(id: number, eventId: string): void {
    this.updateAnnouncement.run(eventId, id);
  }

  /** The event id of the event's announcement, once sent. */
  announcementOf(id: number): string | undefined {
    return this.selectAnnouncement.get(id)?.announcement_event_id ?? undefined;
  }

  /** When the timing last changed (creation, move): reminders due before it are not sent. */
  timingChangedAt(id: number): number {
    return this.selectTimingChangedAt.get(id)?.at ?? 0;
  }

  /** Events a member added, for the export of their data. */
  createdByMember(userId: string): AgendaEvent[] {
    return this.selectByCreator.all(userId).map((row) => this.withExceptions(row));
  }

  /** Keeps the events a member added, without their name; returns how many. */
  forgetCreator(userId: string): number {
    return this.updateForgetCreator.run(FORGOTTEN_MEMBER, userId).changes;
  }

  /** Events whose first occurrence ended before `at`: the only ones that may be over (indexed). */
  firstEndedBefore(at: number): AgendaEvent[] {
    return this.selectEndedBefore.all(at).map((row) => this.withExceptions(row));
  }

  /** Deletes an event with its answers, reminders and changes; its number stays used in its room. */
  purge(id: number): void {
    this.recordPurgedNumber.run(id);
    this.deleteById.run(id);
  }

  private withExceptions(row: EventRow): AgendaEvent {
    return toEvent(row, this.selectExceptions.all(row.id).map(toException));
  }
}

function toException(row: ExceptionRow): OccurrenceException {
  return {
    originalStart: row.original_start,
    cancelled: row.cancelled === 1,
    ...(row.starts_at === null ? {} : { startsAt: row.starts_at }),
    ...(row.ends_at === null ? {} : { endsAt: row.ends_at }),
  };
}

function groupExceptions(rows: readonly ExceptionRow[]): Map<number, OccurrenceException[]> {
  const byEvent = new Map<number, OccurrenceException[]>();
  for (const row of rows) byEvent.set(row.event_id, [...(byEvent.get(row.event_id) ?? []), toException(row)]);
  return byEvent;
}

function toEvent(row: EventRow, exceptions: readonly OccurrenceException[]): AgendaEvent {
  return {
    id: row.id,
    roomId: row.room_id,
    number: row.number,
    uid: row.uid,
    title: row.title,
    location: row.location,
    description: row.description,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    allDay: row.all_day === 1,
    timeZone: row.time_zone,
    rrule: row.rrule,
    exceptions,
    status: row.status,
    isPublic: row.is_public === 1,
    sequence: row.sequence,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
