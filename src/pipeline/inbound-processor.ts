import type { Stores } from "../../storage/index.ts";
import type { InboundEvent } from "../../storage/inbound-events-store.ts";
import type { Logger } from "../log.ts";
import { GaveUp, sleep } from "../matrix/retry.ts";
import { WorkLoop } from "./work-loop.ts";

/** Work to commit for an event; runs inside the transaction that marks the event handled. */
export type Effect = () => string;

/** A feature's reaction to some event types (commands, reactions, redactions…). */
export interface InboundHandler {
  readonly eventTypes: readonly string[];
  /**
   * Whether it reads state events of those types (memberships). Others never see one: a state
   * event of type m.room.message, say, is shown by no client as a message, so it is no command.
   */
  readonly readsState?: boolean;
  /** Async look-ups first (power levels…), then the effect to commit, or undefined for none. */
  prepare(item: InboundEvent): Promise<Effect | undefined>;
}

const BATCH = 100;

class AlreadyHandled extends Error {}

/**
 * Handles the durable inbox in arrival order. An event's effects, the messages they queue and its
 * "handled" mark commit in one transaction: after a crash an event is either fully handled or
 * handled again from the start, never half.
 */
export class InboundProcessor {
  private readonly handlersByType = new Map<string, InboundHandler[]>();
  private readonly loop: WorkLoop;
  private readonly abort = new AbortController();

  constructor(
    private readonly stores: Stores,
    handlers: readonly InboundHandler[],
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly afterCommit: () => void,
    private readonly retryDelayMs = 5_000,
  ) {
    for (const handler of handlers) {
      for (const type of handler.eventTypes) {
        this.handlersByType.set(type, [...(this.handlersByType.get(type) ?? []), handler]);
      }
    }
    this.loop = new WorkLoop(() => this.drain(), (error) => this.log.error("inbox processing stopped", { error }));
  }

  wake(): void {
    this.loop.wake();
  }

  /** Resolves when everything queued so far is handled (or postponed). */
  async idle(): Promise<void> {
    await this.loop.idle();
  }

  async stop(): Promise<void> {
    this.abort.abort(new Error("stopping"));
    await this.loop.stop();
  }

  private async drain(): Promise<void> {
    for (;;) {
      const batch = this.stores.inbound.pending(BATCH);
      if (batch.length === 0) return;
      let postponed = false;
      for (const item of batch) {
        if (this.abort.signal.aborted) return;
        const done = await this.handle(item);
        if (!done) {
          // The homeserver is unreachable: keep the event and everything after it for later.
          await sleep(this.retryDelayMs, this.abort.signal).catch(() => undefined);
          if (this.abort.signal.aborted) return;
          postponed = true;
          break;
        }
      }
      // A short batch handled whole was everything; what arrives meanwhile wakes the loop again.
      if (!postponed && batch.length < BATCH) return;
    }
  }

  /** Returns false when the event must be tried again later. */
  private async handle(item: InboundEvent): Promise<boolean> {
    const effects: Effect[] = [];
    const isState = item.event.state_key !== undefined;
    for (const handler of this.handlersByType.get(item.event.type) ?? []) {
      if (isState && handler.readsState !== true) continue;
      try {
        const effect = await handler.prepare(item);
        if (effect !== undefined) effects.push(effect);
      } catch (error) {
        if (error instanceof GaveUp && error.failure.kind !== "permanent") {
          this.log.warn("event postponed, homeserver unreachable", { eventId: item.eventId, error: error.message });
          return false;
        }
        this.log.error("event could not be prepared", { eventId: item.eventId, roomId: item.roomId, error });
      }
    }
    try {
      this.stores.transaction(() => {
        const outcomes = effects.map((effect) => effect());
        if (!this.stores.inbound.markHandled(item.eventId, outcomes.join(",") || "ignored", this.now())) {
          throw new AlreadyHandled();
        }
      });
    } catch (error) {
      if (error instanceof AlreadyHandled) return true;
      this.log.error("event effects failed and were rolled back", { eventId: item.eventId, roomId: item.roomId, error });
      this.stores.inbound.markHandled(item.eventId, "error", this.now());
    }
    this.afterCommit();
    return true;
  }
}
