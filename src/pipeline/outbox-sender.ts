import type { Stores } from "../../storage/index.ts";
import type { QueuedEvent } from "../../storage/outbox-store.ts";
import type { Logger } from "../log.ts";
import type { RequestFailure } from "../matrix/request-errors.ts";
import { GaveUp, withRetry, type RetryPolicy } from "../matrix/retry.ts";
import type { MatrixTransport } from "../matrix/transport.ts";
import type { SendPacer } from "./send-pacer.ts";

/** An outbox entry that pins `content.event_id` in its room instead of sending a message. */
export const PIN_ACTION = "fr.chatons.minou.pin";

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
}

/**
 * Sends queued messages with their stored transaction ids, room by room, in order. A message
 * leaves the queue only once the homeserver accepted it, or, after retries, when it finally
 * failed, which is logged with the room and what caused it.
 */
export class OutboxSender {
  private readonly busyRooms = new Set<string>();
  private readonly workers = new Set<Promise<void>>();
  private readonly sentHandlers = new Map<string, SentHandler>();
  private readonly failedHandlers = new Map<string, FailedHandler>();
  private readonly pacers = new Map<string, SendPacer>();
  /** Rooms whose worker started on a paced message. */
  private readonly pacedRooms = new Set<string>();
  private readonly abort = new AbortController();

  constructor(
    private readonly stores: Stores,
    private readonly transport: MatrixTransport,
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly options: OutboxSenderOptions,
  ) {}

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
    const { roomConcurrency } = this.options;
    // Paced messages wait their turn while holding a worker: one worker is always left to the
    // other rooms, so a broadcast to 300 rooms never delays the answer to a command.
    const pacedLimit = Math.max(1, roomConcurrency - 1);
    for (const { roomId, purpose } of this.stores.outbox.pendingRoomHeads()) {
      if (this.busyRooms.size >= roomConcurrency) return;
      if (this.busyRooms.has(roomId)) continue;
      const paced = purpose !== undefined && this.pacers.has(purpose);
      if (paced && this.pacedRooms.size >= pacedLimit) continue;
      this.startWorker(roomId, paced);
    }
  }

  async stop(): Promise<void> {
    this.abort.abort(new Error("stopping"));
    await Promise.allSettled([...this.workers]);
  }

  private startWorker(roomId: string, paced: boolean): void {
    this.busyRooms.add(roomId);
    if (paced) this.pacedRooms.add(roomId);
    const worker = this.serveRoom(roomId)
      .catch((error: unknown) => this.log.error("outbox worker failed", { roomId, error }))
      .finally(() => {
        this.busyRooms.delete(roomId);
        this.pacedRooms.delete(roomId);
        this.workers.delete(worker);
        this.wake();
      });
    this.workers.add(worker);
  }

  private async serveRoom(roomId: string): Promise<void> {
    for (;;) {
      if (this.abort.signal.aborted) return;
      const next = this.stores.outbox.nextForRoom(roomId);
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
    const fields = await withRetry(() => this.transport.attachFile(roomId, file.data, file.filename, file.mimeType), { ...this.options.retryPolicy, signal: this.abort.signal });
    return { ...message.content, ...fields };
  }

  /** The member's DM room with Minou, created the first time. */
  private async directRoomFor(userId: string): Promise<string> {
    const known = this.stores.directRooms.roomOf(userId);
    if (known !== undefined) return known;
    const roomId = await withRetry(() => this.transport.createDirectRoom(userId), { ...this.options.retryPolicy, signal: this.abort.signal });
    this.stores.directRooms.record(userId, roomId, this.now());
    return roomId;
  }

  /** Each attempt at a paced message waits for its turn first; a 429 holds back every paced message. */
  private withPacing<T>(message: QueuedEvent, request: () => Promise<T>): { request: () => Promise<T>; onRateLimit: (failure: RequestFailure, delayMs: number) => void } {
    const pacer = message.purpose === undefined ? undefined : this.pacers.get(message.purpose);
    if (pacer === undefined) return { request, onRateLimit: () => undefined };
    return {
      request: async () => {
        await pacer.turn(this.abort.signal);
        return request();
      },
      onRateLimit: (failure, delayMs) => {
        if (failure.kind === "rateLimited") pacer.holdFor(delayMs);
      },
    };
  }

  /** Sends the message (or performs the action) and resolves to the event id it stands for. */
  private async deliver(message: QueuedEvent): Promise<string> {
    if (message.eventType === PIN_ACTION) {
      const eventId = String(message.content["event_id"]);
      const { request, onRateLimit } = this.withPacing(message, () => this.transport.pin(message.roomId, eventId));
      await withRetry(request, { ...this.options.retryPolicy, signal: this.abort.signal }, onRateLimit);
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

  private sendWithRetries(message: QueuedEvent, roomId: string, content: Record<string, unknown>): Promise<string> {
    const { request, onRateLimit } = this.withPacing(message, () => this.transport.sendEvent(roomId, message.eventType, message.txnId, content));
    return withRetry(
      request,
      { ...this.options.retryPolicy, signal: this.abort.signal },
      (failure, delayMs) => {
        onRateLimit(failure, delayMs);
        this.stores.outbox.recordAttempt(message.id);
        this.log.warn("send failed, will retry", { roomId, context: message.context, failure: failure.description, delayMs });
      },
    );
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
      });
      const details = { roomId: message.roomId, user: message.targetUser, context: message.context, reason };
      // A pin Minou lacks the power for is expected (the room decides); anything else is a lost message.
      if (message.eventType === PIN_ACTION) log.warn("pin not possible", details);
      else log.error("message not delivered", details);
    }
  }
}

function deliveryFailure(error: unknown): DeliveryFailure {
  if (!(error instanceof GaveUp)) return { reason: String(error) };
  const { failure } = error;
  if (failure.kind !== "permanent") return { reason: error.message };
  return { reason: error.message, status: failure.status, ...(failure.errcode === undefined ? {} : { errcode: failure.errcode }) };
}
