import type { Stores } from "../../storage/index.ts";
import type { QueuedEvent } from "../../storage/outbox-store.ts";
import type { Logger } from "../log.ts";
import { GaveUp, withRetry, type RetryPolicy } from "../matrix/retry.ts";
import type { MatrixTransport } from "../matrix/transport.ts";

/** An outbox entry that pins `content.event_id` in its room instead of sending a message. */
export const PIN_ACTION = "fr.chatons.minou.pin";

/** Records what a sent message stands for (its event id), in the transaction that marks it sent. */
export type SentHandler = (ref: string | undefined, eventId: string, message: QueuedEvent) => void;

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

  wake(): void {
    if (this.abort.signal.aborted) return;
    for (const roomId of this.stores.outbox.pendingRooms()) {
      if (this.busyRooms.size >= this.options.roomConcurrency) return;
      if (!this.busyRooms.has(roomId)) this.startWorker(roomId);
    }
  }

  async stop(): Promise<void> {
    this.abort.abort(new Error("stopping"));
    await Promise.allSettled([...this.workers]);
  }

  private startWorker(roomId: string): void {
    this.busyRooms.add(roomId);
    const worker = this.serveRoom(roomId)
      .catch((error: unknown) => this.log.error("outbox worker failed", { roomId, error }))
      .finally(() => {
        this.busyRooms.delete(roomId);
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

  /** Uploads the file (again, after a crash: an orphan upload is harmless, a second message is not). */
  private async withUploadedFile(message: QueuedEvent): Promise<Record<string, unknown>> {
    const file = message.attachment;
    if (file === undefined) return message.content;
    const url = await withRetry(() => this.transport.upload(file.data, file.filename, file.mimeType), { ...this.options.retryPolicy, signal: this.abort.signal });
    return { ...message.content, url };
  }

  /** The member's DM room with Minou, created the first time. */
  private async directRoomFor(userId: string): Promise<string> {
    const known = this.stores.directRooms.roomOf(userId);
    if (known !== undefined) return known;
    const roomId = await withRetry(() => this.transport.createDirectRoom(userId), { ...this.options.retryPolicy, signal: this.abort.signal });
    this.stores.directRooms.record(userId, roomId, this.now());
    return roomId;
  }

  /** Sends the message (or performs the action) and resolves to the event id it stands for. */
  private async deliver(message: QueuedEvent): Promise<string> {
    if (message.eventType === PIN_ACTION) {
      const eventId = String(message.content["event_id"]);
      await withRetry(() => this.transport.pin(message.roomId, eventId), { ...this.options.retryPolicy, signal: this.abort.signal });
      return eventId;
    }
    const content = message.attachment === undefined ? message.content : await this.withUploadedFile(message);
    if (message.targetUser === undefined) return this.sendWithRetries(message, message.roomId, content);
    const roomId = await this.directRoomFor(message.targetUser);
    try {
      return await this.sendWithRetries(message, roomId, content);
    } catch (error) {
      // The member left the DM: open a new one, once.
      if (!(error instanceof GaveUp) || error.failure.kind !== "permanent") throw error;
      this.stores.directRooms.forgetRoom(roomId);
      return this.sendWithRetries(message, await this.directRoomFor(message.targetUser), content);
    }
  }

  private sendWithRetries(message: QueuedEvent, roomId: string, content: Record<string, unknown>): Promise<string> {
    return withRetry(
      () => this.transport.sendEvent(roomId, message.eventType, message.txnId, content),
      { ...this.options.retryPolicy, signal: this.abort.signal },
      (failure, delayMs) => {
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
      const reason = error instanceof GaveUp ? error.message : String(error);
      stores.outbox.markFailed(message.id, reason, this.now());
      const details = { roomId: message.roomId, user: message.targetUser, context: message.context, reason };
      // A pin Minou lacks the power for is expected (the room decides); anything else is a lost message.
      if (message.eventType === PIN_ACTION) log.warn("pin not possible", details);
      else log.error("message not delivered", details);
    }
  }
}
