import { sleep } from "../matrix/retry.ts";

/**
 * Spaces requests to at most `perSecond`, shared by every outbox worker that sends a paced kind
 * of message. Synapse's message rate limit is per sender, so a broadcast to hundreds of rooms at
 * full speed would otherwise meet 429 after 429; pacing keeps under it, and a 429 that comes
 * anyway holds every paced request back for its `retry_after_ms`, not just the one refused.
 */
export class SendPacer {
  private nextTurnAt = Number.NEGATIVE_INFINITY;
  private readonly spacingMs: number;

  constructor(
    perSecond: number,
    private readonly clock: () => number = () => performance.now(),
    private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void> = sleep,
  ) {
    if (!(perSecond > 0)) throw new Error(`SendPacer: perSecond must be positive (got ${perSecond})`);
    this.spacingMs = 1000 / perSecond;
  }

  /** Resolves when the caller may send; turns are handed out in call order. */
  async turn(signal?: AbortSignal): Promise<void> {
    const now = this.clock();
    const at = Math.max(now, this.nextTurnAt);
    this.nextTurnAt = at + this.spacingMs;
    if (at > now) await this.wait(at - now, signal);
  }

  /** The homeserver answered 429: no paced request before `ms` from now. */
  holdFor(ms: number): void {
    this.nextTurnAt = Math.max(this.nextTurnAt, this.clock() + ms);
  }
}
