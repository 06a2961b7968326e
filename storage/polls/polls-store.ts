import type { Poll, PollKind, PollOption } from "../../src/polls/model.ts";
import type { Db } from "../database.ts";
import { FORGOTTEN_MEMBER } from "../privacy/erased-members-store.ts";

interface PollRow {
  id: number;
  room_id: string;
  number: number;
  kind: PollKind;
  question: string;
  disclosed: number;
  anonymous: number;
  code: string | null;
  external: number;
  created_by: string;
  created_at: number;
  deadline: number | null;
  time_zone: string;
  start_event_id: string | null;
  summary_event_id: string | null;
  closed_at: number | null;
  closed_by: string | null;
  chosen_position: number | null;
  agenda_event_id: number | null;
}

interface OptionRow {
  position: number;
  answer_id: string;
  label: string;
  starts_at: number | null;
  ends_at: number | null;
  all_day: number;
  message_event_id: string | null;
}

export interface NewPoll {
  readonly roomId: string;
  readonly kind: PollKind;
  readonly question: string;
  readonly disclosed: boolean;
  readonly anonymous: boolean;
  readonly code: string | null;
  readonly external: boolean;
  readonly createdBy: string;
  readonly deadline: number | null;
  readonly timeZone: string;
  readonly startEventId: string | null;
  readonly options: readonly Omit<PollOption, "messageEventId">[];
}

// Numbers of purged polls stay used, so an old message's "n°3" never names a new poll.
const NEXT_NUMBER = `(SELECT max(coalesce((SELECT max(number) FROM polls WHERE room_id = @roomId), 0),
  coalesce((SELECT last_number FROM purged_numbers WHERE room_id = @roomId AND kind = 'poll'), 0)) + 1)`;

/** Polls of each room, numbered per room, with their answers or date slots. */
export class PollsStore {
  private readonly insert;
  private readonly insertOption;
  private readonly selectById;
  private readonly selectByNumber;
  private readonly selectByStart;
  private readonly selectByCode;
  private readonly selectBySlotMessage;
  private readonly selectOptions;
  private readonly selectLatestOpen;
  private readonly selectDue;
  private readonly selectOpenNative;
  private readonly updateStart;
  private readonly updateSummary;
  private readonly updateSlotMessage;
  private readonly updateClosed;
  private readonly updateDeadline;
  private readonly clearDeadlineStatement;
  private readonly updateChoice;
  private readonly markDirtyStatement;
  private readonly selectDirty;
  private readonly selectAnyDirty;
  private readonly takeDirty;
  private readonly selectOfMember;
  private readonly updateForgetCreator;
  private readonly updateForgetCloser;
  private readonly recordPurgedNumbers;
  private readonly deleteClosedBefore;

  constructor(db: Db) {
    this.insert = db.prepare<[Record<string, string | number | null>], { id: number }>(
      `INSERT INTO polls (room_id, number, kind, question, disclosed, anonymous, code, external, created_by, created_at, deadline, time_zone, start_event_id)
       VALUES (@roomId, ${NEXT_NUMBER}, @kind, @question, @disclosed, @anonymous,
         @code, @external, @createdBy, @now, @deadline, @timeZone, @startEventId)
       RETURNING id`,
    );
    this.insertOption = db.prepare<[number, number, string, string, number | null, number | null, number]>(
      "INSERT INTO poll_options (poll_id, position, answer_id, label, starts_at, ends_at, all_day) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    const select = "SELECT * FROM polls";
    this.selectById = db.prepare<[number], PollRow>(`${select} WHERE id = ?`);
    this.selectByNumber = db.prepare<[string, number], PollRow>(`${select} WHERE room_id = ? AND number = ?`);
    this.selectByStart = db.prepare<[string], PollRow>(`${select} WHERE start_event_id = ?`);
    this.selectByCode = db.prepare<[string], PollRow>(`${select} WHERE code = ?`);
    this.selectBySlotMessage = db.prepare<[string], { poll_id: number; position: number }>(
      "SELECT poll_id, position FROM poll_options WHERE message_event_id = ?",
    );
    this.selectOptions = db.prepare<[number], OptionRow>("SELECT * FROM poll_options WHERE poll_id = ? ORDER BY position");
    this.selectLatestOpen = db.prepare<[string, string], PollRow>(
      `${select} WHERE room_id = ? AND closed_at IS NULL AND kind LIKE ? ORDER BY number DESC LIMIT 1`,
    );
    this.selectDue = db.prepare<[number], PollRow>(`${select} WHERE closed_at IS NULL AND deadline IS NOT NULL AND deadline <= ? ORDER BY deadline`);
    this.selectOpenNative = db.prepare<[], PollRow>(`${select} WHERE closed_at IS NULL AND start_event_id IS NOT NULL ORDER BY id`);
    this.updateStart = db.prepare<[string, number]>("UPDATE polls SET start_event_id = ? WHERE id = ?");
    this.updateSummary = db.prepare<[string, number]>("UPDATE polls SET summary_event_id = ? WHERE id = ?");
    this.updateSlotMessage = db.prepare<[string, number, number]>("UPDATE poll_options SET message_event_id = ? WHERE poll_id = ? AND position = ?");
    this.updateClosed = db.prepare<[number, string, number]>("UPDATE polls SET closed_at = ?, closed_by = ? WHERE id = ? AND closed_at IS NULL");
    this.updateDeadline = db.prepare<[number, number]>("UPDATE polls SET deadline = ? WHERE id = ? AND closed_at IS NULL");
    this.clearDeadlineStatement = db.prepare<[number]>("UPDATE polls SET deadline = NULL WHERE id = ? AND closed_at IS NULL");
    this.updateChoice = db.prepare<[number, number, number]>("UPDATE polls SET chosen_position = ?, agenda_event_id = ? WHERE id = ?");
    this.markDirtyStatement = db.prepare<[number, number]>(
      "UPDATE polls SET summary_dirty_at = coalesce(summary_dirty_at, ?) WHERE id = ? AND summary_event_id IS NOT NULL",
    );
    this.selectDirty = db.prepare<[number], { id: number }>("SELECT id FROM polls WHERE summary_dirty_at IS NOT NULL AND summary_dirty_at <= ? ORDER BY id");
    this.selectAnyDirty = db.prepare<[], { one: number }>("SELECT 1 AS one FROM polls WHERE summary_dirty_at IS NOT NULL LIMIT 1");
    this.takeDirty = db.prepare<[number], { revision: number }>(
      "UPDATE polls SET summary_dirty_at = NULL, summary_revision = summary_revision + 1 WHERE id = ? RETURNING summary_revision AS revision",
    );
    this.selectOfMember = db.prepare<[string, string], PollRow>(`${select} WHERE created_by = ? OR closed_by = ? ORDER BY id`);
    this.updateForgetCreator = db.prepare<[string, string]>("UPDATE polls SET created_by = ? WHERE created_by = ?");
    this.updateForgetCloser = db.prepare<[string]>("UPDATE polls SET closed_by = NULL WHERE closed_by = ?");
    this.recordPurgedNumbers = db.prepare<[number]>(
      `INSERT INTO purged_numbers (room_id, kind, last_number)
       SELECT room_id, 'poll', max(number) FROM polls WHERE closed_at < ? GROUP BY room_id
       ON CONFLICT (room_id, kind) DO UPDATE SET last_number = max(last_number, excluded.last_number)`,
    );
    this.deleteClosedBefore = db.prepare<[number]>("DELETE FROM polls WHERE closed_at < ?");
  }

  create(poll: NewPoll, now: number): Poll {
    const row = this.insert.get({
      roomId: poll.roomId,
      kind: poll.kind,
      question: poll.question,
      disclosed: poll.disclosed ? 1 : 0,
      anonymous: poll.anonymous ? 1 : 0,
      code: poll.code,
      external: poll.external ? 1 : 0,
      createdBy: poll.createdBy,
      now,
      deadline: poll.deadline,
      timeZone: poll.timeZone,
      startEventId: poll.startEventId,
    });
    if (row === undefined) throw new Error("poll not created");
    for (const option of poll.options) {
      this.insertOption.run(row.id, option.position, option.answerId, option.label, option.startsAt, option.endsAt, option.allDay ? 1 : 0);
    }
    return this.get(row.id) as Poll;
  }

  get(id: number): Poll | undefined {
    return this.withOptions(this.selectById.get(id));
  }

  byNumber(roomId: string, number: number): Poll | undefined {
    return this.withOptions(this.selectByNumber.get(roomId, number));
  }

  byStartEvent(eventId: string): Poll | undefined {
    return this.withOptions(this.selectByStart.get(eventId));
  }

  byCode(code: string): Poll | undefined {
    return this.withOptions(this.selectByCode.get(code.toUpperCase()));
  }

  /** The poll and slot a date-poll message stands for. */
  slotOfMessage(eventId: string): { poll: Poll; position: number } | undefined {
    const row = this.selectBySlotMessage.get(eventId);
    const poll = row === undefined ? undefined : this.get(row.poll_id);
    return row === undefined || poll === undefined ? undefined : { poll, position: row.position };
  }

  /** The room's most recent open poll (of a kind, or any with "%"). */
  latestOpen(roomId: string, kind: PollKind | "%"): Poll | undefined {
    return this.withOptions(this.selectLatestOpen.get(roomId, kind));
  }

  /** Open polls whose deadline has come. */
  due(now: number): Poll[] {
    return this.selectDue.all(now).map((row) => this.withOptions(row) as Poll);
  }

  /** Open native polls: what to recount after a restart. */
  openNative(): Poll[] {
    return this.selectOpenNative.all().map((row) => this.withOptions(row) as Poll);
  }

  setStartEvent(id: number, eventId: string): void {
    this.updateStart.run(eventId, id);
  }

  setSummaryEvent(id: number, eventId: string): void {
    this.updateSummary.run(eventId, id);
  }

  setSlotMessage(id: number, position: number, eventId: string): void {
    this.updateSlotMessage.run(eventId, id, position);
  }

  /** Returns false when the poll was already closed. */
  close(id: number, by: string, now: number): boolean {
    return this.updateClosed.run(now, by, id).changes === 1;
  }

  setDeadline(id: number, deadline: number): void {
    this.updateDeadline.run(deadline, id);
  }

  /** The poll stays open with no deadline (Minou could not close it when it came). */
  clearDeadline(id: number): void {
    this.clearDeadlineStatement.run(id);
  }

  recordChoice(id: number, position: number, agendaEventId: number): void {
    this.updateChoice.run(position, agendaEventId, id);
  }

  markSummaryDirty(id: number, now: number): void {
    this.markDirtyStatement.run(now, id);
  }

  hasDirtySummary(): boolean {
    return this.selectAnyDirty.get() !== undefined;
  }

  dirtySummaries(changedBefore: number): number[] {
    return this.selectDirty.all(changedBefore).map((row) => row.id);
  }

  takeSummaryEdit(id: number): number {
    return this.takeDirty.get(id)?.revision ?? 0;
  }

  /** Polls a member started or closed, for the export of their data. */
  startedOrClosedBy(userId: string): Poll[] {
    return this.selectOfMember.all(userId, userId).map((row) => this.withOptions(row) as Poll);
  }

  /** Keeps the polls a member started or closed, without their name; returns how many changed. */
  forgetMember(userId: string): number {
    return this.updateForgetCreator.run(FORGOTTEN_MEMBER, userId).changes + this.updateForgetCloser.run(userId).changes;
  }

  /** Deletes polls closed before `at`, with their options and votes; their numbers stay used. */
  purgeClosedBefore(at: number): number {
    this.recordPurgedNumbers.run(at);
    return this.deleteClosedBefore.run(at).changes;
  }

  private withOptions(row: PollRow | undefined): Poll | undefined {
    if (row === undefined) return undefined;
    const options = this.selectOptions.all(row.id).map((option) => ({
      position: option.position,
      answerId: option.answer_id,
      label: option.label,
      startsAt: option.starts_at,
      endsAt: option.ends_at,
      allDay: option.all_day === 1,
      messageEventId: option.message_event_id,
    }));
    return {
      id: row.id,
      roomId: row.room_id,
      number: row.number,
      kind: row.kind,
      question: row.question,
      disclosed: row.disclosed === 1,
      anonymous: row.anonymous === 1,
      code: row.code,
      external: row.external === 1,
      createdBy: row.created_by,
      createdAt: row.created_at,
      deadline: row.deadline,
      timeZone: row.time_zone,
      startEventId: row.start_event_id,
      summaryEventId: row.summary_event_id,
      closedAt: row.closed_at,
      closedBy: row.closed_by,
      chosenPosition: row.chosen_position,
      agendaEventId: row.agenda_event_id,
      options,
    };
  }
}
