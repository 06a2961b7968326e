import type { Db } from "./database.ts";

/** A timeline event as received from sync, kept until it has been handled. */
export interface InboundEvent {
  readonly seq: number;
  readonly eventId: string;
  readonly roomId: string;
  readonly event: MatrixEvent;
}

/** The client-format event fields Minou reads. */
export interface MatrixEvent {
  readonly event_id: string;
  readonly type: string;
  readonly sender: string;
  readonly origin_server_ts: number;
  readonly content: Record<string, unknown>;
  readonly state_key?: string;
  readonly redacts?: string;
  readonly unsigned?: Record<string, unknown>;
}

/**
 * The durable inbox of the exactly-once pipeline: sync answers are written here before their token
 * is saved, and an event is marked handled in the same transaction as its effects.
 */
export class InboundEventsStore {
  private readonly insert;
  private readonly selectPending;
  private readonly updateHandled;
  private readonly selectHandled;
  private readonly deleteHandled;
  private readonly countPendingStatement;
  private readonly insertAwaiting;
  private readonly selectAwaiting;
  private readonly updateDecrypted;
  private readonly withdrawPending;
  private readonly selectOutcome;
  private readonly updateOutcome;

  constructor(db: Db) {
    this.insert = db.prepare<[string, string, string, number, number | null, string | null]>(
      `INSERT INTO inbound_events (event_id, room_id, event, received_at, handled_at, outcome)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`,
    );
    this.selectPending = db.prepare<[number], { seq: number; event_id: string; room_id: string; event: string }>(
      "SELECT seq, event_id, room_id, event FROM inbound_events WHERE handled_at IS NULL AND awaiting_key_since IS NULL ORDER BY seq LIMIT ?",
    );
    // Once handled, only the id matters (never answer twice, where a gap fill stops): the message
    // itself is dropped, so Minou keeps no member's words longer than it takes to handle them.
    this.updateHandled = db.prepare<[number, string, string]>(
      "UPDATE inbound_events SET handled_at = ?, outcome = ?, event = '{}' WHERE event_id = ? AND handled_at IS NULL",
    );
    this.selectHandled = db.prepare<[string], { handled: number }>(
      "SELECT handled_at IS NOT NULL AS handled FROM inbound_events WHERE event_id = ?",
    );
    this.deleteHandled = db.prepare<[number]>("DELETE FROM inbound_events WHERE handled_at < ?");
    this.countPendingStatement = db.prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM inbound_events WHERE handled_at IS NULL AND awaiting_key_since IS NULL",
    );
    this.insertAwaiting = db.prepare<[string, string, string, number, number]>(
      `INSERT INTO inbound_events (event_id, room_id, event, received_at, awaiting_key_since)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`,
    );
    this.selectAwaiting = db.prepare<[], { seq: number; event_id: string; room_id: string; event: string; awaiting_key_since: number }>(
      "SELECT seq, event_id, room_id, event, awaiting_key_since FROM inbound_events WHERE awaiting_key_since IS NOT NULL AND handled_at IS NULL ORDER BY seq",
    );
    this.updateDecrypted = db.prepare<[string, string]>(
      "UPDATE inbound_events SET event = ?, awaiting_key_since = NULL WHERE event_id = ? AND awaiting_key_since IS NOT NULL AND handled_at IS NULL",
    );
    // State events keep their effect when redacted (a join is still a join): only messages and
    // the like are withdrawn.
    this.withdrawPending = db.prepare<[number, string]>(
      `UPDATE inbound_events SET handled_at = ?, outcome = 'redacted', event = '{}'
       WHERE event_id = ? AND handled_at IS NULL AND json_extract(event, '$.state_key') IS NULL`,
    );
    this.selectOutcome = db.prepare<[string], { outcome: string }>(
      "SELECT outcome FROM inbound_events WHERE event_id = ? AND handled_at IS NOT NULL",
    );
    this.updateOutcome = db.prepare<[string, string]>(
      "UPDATE inbound_events SET outcome = ? WHERE event_id = ? AND handled_at IS NOT NULL",
    );
  }

  /**
   * Keeps an encrypted event whose room key has not arrived yet, in its encrypted form: it is
   * known (never answered twice, a gap fill stops at it) but not handed out until decrypted.
   */
  recordAwaitingKey(roomId: string, encrypted: MatrixEvent, receivedAt: number): boolean {
    if (isRedacted(encrypted)) return this.recordRedacted(roomId, encrypted, receivedAt);
    return this.insertAwaiting.run(encrypted.event_id, roomId, JSON.stringify(encrypted), receivedAt, receivedAt).changes === 1;
  }

  /** Encrypted events still waiting for their room key, oldest first. */
  awaitingKey(): (InboundEvent & { readonly since: number })[] {
    return this.selectAwaiting.all().map((row) => ({
      seq: row.seq,
      eventId: row.event_id,
      roomId: row.room_id,
      event: JSON.parse(row.event) as MatrixEvent,
      since: row.awaiting_key_since,
    }));
  }

  /** The key came: the event joins the inbox, in its place of arrival. */
  decrypted(event: MatrixEvent): boolean {
    return this.updateDecrypted.run(JSON.stringify(event), event.event_id).changes === 1;
  }

  /**
   * Queues an event for handling; an event seen before (a re-delivered sync) is ignored. A
   * redaction withdraws the event it redacts if that one is still waiting (for its turn, for its
   * room key): a message deleted before Minou got to it is never acted on. One that comes already
   * redacted (same sync, gap filled later) is kept as handled.
   */
  record(roomId: string, event: MatrixEvent, receivedAt: number): boolean {
    if (isRedacted(event)) return this.recordRedacted(roomId, event, receivedAt);
    const recorded = this.insert.run(event.event_id, roomId, JSON.stringify(event), receivedAt, null, null).changes === 1;
    const redacted = event.type === "m.room.redaction" ? redactedEventId(event) : undefined;
    if (recorded && redacted !== undefined) this.withdrawPending.run(receivedAt, redacted);
    return recorded;
  }

  private recordRedacted(roomId: string, event: MatrixEvent, receivedAt: number): boolean {
    return this.insert.run(event.event_id, roomId, "{}", receivedAt, receivedAt, "redacted").changes === 1;
  }

  /** Remembers an event that must never be acted on (history from before Minou joined). */
  recordSkipped(roomId: string, event: MatrixEvent, receivedAt: number, outcome: string): void {
    this.insert.run(event.event_id, roomId, "{}", receivedAt, receivedAt, outcome);
  }

  pending(limit: number): InboundEvent[] {
    return this.selectPending.all(limit).map((row) => ({
      seq: row.seq,
      eventId: row.event_id,
      roomId: row.room_id,
      event: JSON.parse(row.event) as MatrixEvent,
    }));
  }

  countPending(): number {
    return this.countPendingStatement.get()?.n ?? 0;
  }

  /** Returns false when the event was already handled (the caller's effects must then roll back). */
  markHandled(eventId: string, outcome: string, at: number): boolean {
    return this.updateHandled.run(at, outcome, eventId).changes === 1;
  }

  /** What handling an event came to ("answered", "unknown"…), once handled. */
  outcomeOf(eventId: string): string | undefined {
    return this.selectOutcome.get(eventId)?.outcome;
  }

  /** A handled event's outcome changed later (a command corrected by an edit); false if unknown. */
  updateOutcomeOf(eventId: string, outcome: string): boolean {
    return this.updateOutcome.run(outcome, eventId).changes === 1;
  }

  isKnown(eventId: string): boolean {
    return this.selectHandled.get(eventId) !== undefined;
  }

  isHandled(eventId: string): boolean {
    return this.selectHandled.get(eventId)?.handled === 1;
  }

  purgeHandledBefore(at: number): number {
    return this.deleteHandled.run(at).changes;
  }
}

/**
 * A message served already redacted (`unsigned.redacted_because`, spec: "Redactions"). Redacted
 * state events still count (a redacted join is a join).
 */
function isRedacted(event: MatrixEvent): boolean {
  return event.state_key === undefined && event.unsigned?.["redacted_because"] !== undefined;
}

/** Room versions up to 10 put `redacts` at the top level; v11 moved it into the content. */
function redactedEventId(event: MatrixEvent): string | undefined {
  const inContent = event.content["redacts"];
  if (typeof inContent === "string") return inContent;
  return typeof event.redacts === "string" ? event.redacts : undefined;
}
