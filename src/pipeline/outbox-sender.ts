import { setMaxListeners } from "node:events";
import type { Stores } from "../../storage/index.ts";
import type { Language } from "../i18n/language.ts";
import { messagesFor } from "../i18n/runtime-messages.ts";
import type { QueuedEvent } from "../../storage/outbox-store.ts";
import type { Logger } from "../log.ts";
import type { RequestFailure } from "../matrix/request-errors.ts";
import { GaveUp, withRetry, type RetryPolicy } from "../matrix/retry.ts";
import type { MatrixTransport } from "../matrix/transport.ts";
import { noticeContent } from "../matrix/reply-content.ts";
import { txnIdFor } from "../matrix/txn-id.ts";
import { renderMessage } from "../render/render-message.ts";
import { budgeted, SendBudget, SendPriority } from "./send-budget.ts";
import type { SendPacer } from "./send-pacer.ts";

/** An outbox entry that pins `content.event_id` in its room instead of sending a message. */
export const PIN_ACTION = "fr.chatons.minou.pin";
/** The notice that tells a room one of Minou's messages for it was refused. */
export const UNDELIVERED_PURPOSE = "outbox.undelivered";
/** A request answered 500 this many times in a row is refused for its content, not by an outage. */
const REPEATED_SERVER_ERRORS = 3;

/** Records what a sent message stands for (its event id), in the transaction that marks it sent. */
export type SentHandler = (ref: string | undefined, eventId: string, message: QueuedEvent) => void;

/** Why a message was given up: the homeserver's status and errcode when it refused it (403, 404…). */
export interface DeliveryFailure {
  readonly reason: string;
  readonly status?: number;
  readonly errcode?: string;
}

/** Records that a message was given up for good, in the transaction that marks it failed. */
export type FailedHandler = (ref: string | undefined, failure: DeliveryFailure, message: QueuedEvent) => void;

export interface OutboxSenderOptions {
  readonly retryPolicy: RetryPolicy;
  /** Rooms served at once; messages within one room always leave in order. */
  readonly roomConcurrency: number;
  /** The language of rooms that chose none, for the notice of a message refused. */
  readonly defaultLanguage: Language;
}

/**
 * Sends queued messages with their stored transaction ids, room by room, in order. A message
 * leaves the queue only once the homeserver accepted it, or, after retries, when it finally
 * failed, which is logged with the room and what caused it.
 */
export class OutboxSender {
  /** Busy lanes, "room|lane": a room's answers never queue behind its broadcast or live edits. */
  private readonly busyLanes = new Set<string>();
  private readonly workers = new Set<Promise<void>>();
  private readonly sentHandlers = new Map<string, SentHandler>();
  private readonly failedHandlers = new Map<string, FailedHandler>();
  private readonly pacers = new Map<string, SendPacer>();
  private backgroundWorkers = 0;
  private readonly abort = new AbortController();
  private readonly retryPolicy: RetryPolicy;
  /** One allowance for everything Minou sends (Synapse's rc_message), most urgent first. */
  readonly budget: SendBudget;

  constructor(
    private readonly stores: Stores,
    private readonly transport: MatrixTransport,
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly options: OutboxSenderOptions,
    budget?: SendBudget,
  ) {
    this.budget = budget ?? new SendBudget();
    // Every message waiting for the budget listens for the stop, hundreds during an announcement.
    setMaxListeners(0, this.abort.signal);
    this.retryPolicy = { maxRepeatedServerErrors: REPEATED_SERVER_ERRORS, ...options.retryPolicy };
  }

  /** Lets a feature learn the event id of the messages it queued with `purpose`. */
  onSent(purpose: string, handler: SentHandler): void {
    this.sentHandlers.set(purpose, handler);
  }

  /** Lets a feature learn that a message it queued with `purpose` was given up, and why. */
  onFailed(purpose: string, handler: FailedHandler): void {
    this.failedHandlers.set(purpose, handler);
  }

  /** Messages queued with one of `purposes` leave no faster than `pacer` allows, retries included. */
  pace(purposes: readonly string[], pacer: SendPacer): void {
    for (const purpose of purposes) this.pacers.set(purpose, pacer);
  }

  wake(): void {
    if (this.abort.signal.aborted) return;
    for (const { roomId, lane } of this.waitingLanes()) {
      const key = `${roomId}|${lane}`;
      if (this.busyLanes.has(key)) continue;
      // Answers and notifications always get a worker: the budget decides who goes first. Live
      // edits and broadcasts wait their turn while holding one, so their workers are counted.
      if (lane === "background" && this.backgroundWorkers >= this.options.roomConcurrency) continue;
      this.startWorker(roomId, lane);
    }
  }

  async stop(): Promise<void> {
    this.abort.abort(new Error("stopping"));
    this.budget.stop();
    await Promise.allSettled([...this.workers]);
  }

  private priorityOf(message: { purpose?: string; targetUser?: string; msgtype?: unknown; isEdit: boolean }): SendPriority {
    if (message.purpose !== undefined && this.pacers.has(message.purpose)) return SendPriority.Broadcast;
    if (message.isEdit) return SendPriority.LiveEdit;
    if (message.targetUser !== undefined || message.msgtype === "m.text") return SendPriority.Notify;
    return SendPriority.Reply;
  }

  private priorityOfQueued(message: QueuedEvent): SendPriority {
    return this.priorityOf({ ...message, msgtype: message.content["msgtype"], isEdit: message.content["m.new_content"] !== undefined });
  }

  /** Each room's lanes with messages waiting, the longest-waiting first. */
  private waitingLanes(): { roomId: string; lane: Lane }[] {
    const seen = new Map<string, { roomId: string; lane: Lane }>();
    for (const shape of this.stores.outbox.pendingShapes()) {
      const lane = laneOf(this.priorityOf(shape));
      const key = `${shape.roomId}|${lane}`;
      if (!seen.has(key)) seen.set(key, { roomId: shape.roomId, lane });
    }
    return [...seen.values()];
  }

  private startWorker(roomId: string, lane: Lane): void {
    const key = `${roomId}|${lane}`;
    this.busyLanes.add(key);
    if (lane === "background") this.backgroundWorkers += 1;
    const worker = this.serveRoom(roomId, lane)
      .catch((error: unknown) => this.log.error("outbox worker failed", { roomId, error }))
      .finally(() => {
        this.busyLanes.delete(key);
        if (lane === "background") this.backgroundWorkers -= 1;
        this.workers.delete(worker);
        this.wake();
      });
    this.workers.add(worker);
  }

  /** Within a lane, a room's messages leave in the order they were queued. */
  private async serveRoom(roomId: string, lane: Lane): Promise<void> {
    for (;;) {
      if (this.abort.signal.aborted) return;
      const next = this.stores.outbox.pendingInRoom(roomId, LANE_SCAN).find((message) => laneOf(this.priorityOfQueued(message)) === lane);
      if (next === undefined) return;
      await this.send(next);
    }
  }

  /**
   * Uploads the file (again, after a crash: an orphan upload is harmless, a second message is not),
   * encrypted when the room is.
   */
  private async withUploadedFile(message: QueuedEvent, roomId: string): Promise<Record<string, unknown>> {
    const file = message.attachment;
    if (file === undefined) return message.content;
    const fields = await withRetry(() => this.transport.attachFile(roomId, file.data, file.filename, file.mimeType), { ...this.retryPolicy, signal: this.abort.signal });
    return { ...message.content, ...fields };
  }

  /** The member's DM room with Minou, created the first time. */
  private async directRoomFor(userId: string): Promise<string> {
    const known = this.stores.directRooms.roomOf(userId);
    if (known !== undefined) return known;
    const roomId = await withRetry(
      budgeted(this.budget, SendPriority.Notify, () => this.transport.createDirectRoom(userId), this.abort.signal),
      { ...this.retryPolicy, signal: this.abort.signal },
      (failure, delayMs) => this.onRetry(failure, delayMs),
    );
    this.stores.directRooms.record(userId, roomId, this.now());
    return roomId;
  }

  /** A 429 holds back everything Minou sends, through the shared budget. */
  private onRetry(failure: RequestFailure, delayMs: number): void {
    if (failure.kind === "rateLimited") this.budget.rateLimited(delayMs);
  }

  /**
   * Each attempt waits for the budget, and a paced message (a broadcast) for its pacer's turn
   * too; a 429 holds back every paced message as well.
   */
  private withPacing<T>(message: QueuedEvent, send: () => Promise<T>): { request: () => Promise<T>; onRateLimit: (failure: RequestFailure, delayMs: number) => void } {
    const request = budgeted(this.budget, this.priorityOfQueued(message), send, this.abort.signal);
    const pacer = message.purpose === undefined ? undefined : this.pacers.get(message.purpose);
    if (pacer === undefined) return { request, onRateLimit: (failure, delayMs) => this.onRetry(failure, delayMs) };
    return {
      request: async () => {
        await pacer.turn(this.abort.signal);
        return request();
      },
      onRateLimit: (failure, delayMs) => {
        this.onRetry(failure, delayMs);
        if (failure.kind === "rateLimited") pacer.holdFor(delayMs);
      },
    };
  }

  /** Sends the message (or performs the action) and resolves to the event id it stands for. */
  private async deliver(message: QueuedEvent): Promise<string> {
    if (message.eventType === PIN_ACTION) {
      const eventId = String(message.content["event_id"]);
      const { request, onRateLimit } = this.withPacing(message, () => this.transport.pin(message.roomId, eventId));
      await withRetry(request, { ...this.retryPolicy, signal: this.abort.signal }, onRateLimit);
      return eventId;
    }
    if (message.targetUser === undefined) return this.sendWithRetries(message, message.roomId, await this.withUploadedFile(message, message.roomId));
    const roomId = await this.directRoomFor(message.targetUser);
    try {
      return await this.sendWithRetries(message, roomId, await this.withUploadedFile(message, roomId));
    } catch (error) {
      // The member left the DM: open a new one, once.
      if (!(error instanceof GaveUp) || error.failure.kind !== "permanent") throw error;
      this.stores.directRooms.forgetRoom(roomId);
      const newRoomId = await this.directRoomFor(message.targetUser);
      return this.sendWithRetries(message, newRoomId, await this.withUploadedFile(message, newRoomId));
    }
  }

  private async sendWithRetries(message: QueuedEvent, roomId: string, content: Record<string, unknown>): Promise<string> {
    const { request, onRateLimit } = this.withPacing(message, () => this.transport.sendEvent(roomId, message.eventType, message.txnId, content));
    // A background message that fails in its own room (a 5xx there) gives its worker back while
    // it waits to try again: the other rooms' announcements go on meanwhile.
    const background = laneOf(this.priorityOfQueued(message)) === "background";
    let resting = false;
    const rest = (waiting: boolean): void => {
      if (!background || resting === waiting) return;
      resting = waiting;
      this.backgroundWorkers += resting ? -1 : 1;
      if (resting) this.wake();
    };
    try {
      return await withRetry(
        async () => {
          rest(false);
          return request();
        },
        { ...this.retryPolicy, signal: this.abort.signal },
        (failure, delayMs) => {
          onRateLimit(failure, delayMs);
          if (failure.kind === "transient") rest(true);
          this.stores.outbox.recordAttempt(message.id);
          this.log.warn("send failed, will retry", { roomId, context: message.context, failure: failure.description, delayMs });
        },
      );
    } finally {
      rest(false);
    }
  }

  private async send(message: QueuedEvent): Promise<void> {
    const { stores, log } = this;
    try {
      const eventId = await this.deliver(message);
      stores.transaction(() => {
        stores.outbox.markSent(message.id, eventId, this.now());
        const handler = message.purpose === undefined ? undefined : this.sentHandlers.get(message.purpose);
        handler?.(message.purposeRef, eventId, message);
      });
    } catch (error) {
      if (this.abort.signal.aborted) return;
      const failure = deliveryFailure(error);
      const { reason } = failure;
      stores.transaction(() => {
        stores.outbox.markFailed(message.id, reason, this.now());
        const handler = message.purpose === undefined ? undefined : this.failedHandlers.get(message.purpose);
        handler?.(message.purposeRef, failure, message);
        // A feature that reports its own failures (an announcement's final report) says it better.
        if (handler === undefined) this.tellRoom(message, failure);
      });
      const details = { roomId: message.roomId, user: message.targetUser, context: message.context, reason };
      // A pin Minou lacks the power for is expected (the room decides); anything else is a lost message.
      if (message.eventType === PIN_ACTION) log.warn("pin not possible", details);
      else log.error("message not delivered", details);
    }
  }

  /** Tells the room, once, that the homeserver refused one of Minou's messages for it. */
  private tellRoom(message: QueuedEvent, failure: DeliveryFailure): void {
    if (!deservesNotice(message, failure)) return;
    const roomId = message.targetUser === undefined ? message.roomId : this.stores.directRooms.roomOf(message.targetUser);
    if (roomId === undefined || roomId === "") return;
    const language = this.stores.rooms.get(roomId)?.language ?? this.options.defaultLanguage;
    const inReplyTo = (message.content["m.relates_to"] as { "m.in_reply_to"?: { event_id?: unknown } } | undefined)?.["m.in_reply_to"]?.event_id;
    const rendered = renderMessage(messagesFor(language).undelivered(typeof inReplyTo === "string"));
    this.stores.outbox.enqueue(
      {
        txnId: txnIdFor(`undelivered:${message.txnId}`),
        roomId,
        eventType: "m.room.message",
        content: { ...noticeContent(rendered), ...(typeof inReplyTo === "string" ? { "m.relates_to": { "m.in_reply_to": { event_id: inReplyTo } } } : {}) },
        purpose: UNDELIVERED_PURPOSE,
        context: `notice of a message refused in ${roomId}`,
      },
      this.now(),
    );
  }
}

type Lane = "urgent" | "background";

/**
 * Whether the room should hear that a message was given up: not for a notice of that kind (no
 * loop), an edit or a pin (the message stays as it was), nor when Minou may not post there at all.
 */
function deservesNotice(message: QueuedEvent, failure: DeliveryFailure): boolean {
  if (message.purpose === UNDELIVERED_PURPOSE || message.eventType === PIN_ACTION || message.eventType === "m.reaction") return false;
  if (message.content["m.new_content"] !== undefined) return false;
  return failure.status !== undefined && failure.status !== 403 && failure.status !== 404;
}
const laneOf = (priority: SendPriority): Lane => (priority <= SendPriority.Notify ? "urgent" : "background");
/** How far into a room's queue a worker looks for the next message of its lane. */
const LANE_SCAN = 200;

function deliveryFailure(error: unknown): DeliveryFailure {
  if (!(error instanceof GaveUp)) return { reason: String(error) };
  const { failure } = error;
  if (failure.kind !== "permanent") return { reason: error.message };
  return { reason: error.message, status: failure.status, ...(failure.errcode === undefined ? {} : { errcode: failure.errcode }) };
}
