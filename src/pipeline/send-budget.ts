
/**
 * What Minou sends, most urgent first. Synapse counts every event an account creates against
 * one allowance (rc_message, 0.2/s after a burst of 10 by default), so they all draw on one budget.
 */
export enum SendPriority {
  /** The answer to a command someone just typed. */
  Reply = 0,
  /** A message that must reach someone: a DM Minou starts, a reminder, a welcome. */
  Notify = 1,
  /** An edit of a live message (only its latest state matters). */
  LiveEdit = 2,
  /** A staff announcement to many rooms, and its pins. */
  Broadcast = 3,
}

interface Waiter {
  readonly priority: SendPriority;
  readonly order: number;
  readonly grant: () => void;
}

/** Past this many token intervals without a send, the homeserver's burst has refilled. */
const REFILL_INTERVALS = 10;
/** The interval learnt is widened, so that jitter and requests still in flight (several rooms at once) do not cost a 429. */
const MARGIN = 1.1;
/**
 * Once the rate is known, Minou keeps its own estimate of the actions the homeserver would allow
 * now. Live edits and broadcasts leave this many in hand, so that an answer or a reminder finds
 * room at once, mid-broadcast, and never collides with the broadcast's next send.
 */
const RESERVED_FOR_URGENT = 1;
/** The estimate never counts on more than this (Synapse's real burst is unknown, and larger). */
const CREDIT_CAP = RESERVED_FOR_URGENT + 2;
/**
 * A bucket's rate is learnt from one pair of refusals (a second step allows for a rate that
 * changed). A limiter that refuses whatever the pace, such as "every n-th request", would
 * otherwise slow Minou down a little more at each refusal, without end: its retry_after_ms
 * still holds everything back each time.
 */
const RATE_STEPS = 2;

/**
 * One sending allowance for all of Minou, learnt from the homeserver's 429s rather than assumed
 * (an account exempted by the admin has none). Until a 429, requests go at once. A 429's
 * `retry_after_ms` says when the next one is allowed: everything waits until then, the most urgent
 * first. Two 429s tell the rate (Synapse refills one action per interval): the time between their
 * allowed instants over the sends that succeeded in between. From then on every send spends an
 * estimated action, background sends (live edits, broadcasts) only while one stays in hand for
 * the urgent ones. After a quiet spell long enough to refill the burst, the pace is dropped again.
 */
export class SendBudget {
  private readonly waiters: Waiter[] = [];
  private order = 0;
  private holdUntil = Number.NEGATIVE_INFINITY;
  /** Estimated actions the homeserver would allow, as of `creditAt` (meaningful once paced). */
  private credit = 0;
  private creditAt = 0;
  private spacingMs = 0;
  /** How many times a pair of refusals has slowed the pace since it was last dropped. */
  private rateSteps = 0;
  private lastGrantAt = Number.NEGATIVE_INFINITY;
  /** The allowed instant of the last 429, and how many sends were granted since. */
  private lastAllowedAt: number | undefined;
  private grantsSinceLimit = 0;
  private timer: NodeJS.Timeout | undefined;
  private refused = 0;
  private granted = 0;

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** Resolves when a request of this priority may go; more urgent ones are served first. */
  acquire(priority: SendPriority, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted === true) return Promise.reject(signal.reason as Error);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { priority, order: this.order++, grant: () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      } };
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** The homeserver refused a request with 429: nothing before `retryAfterMs` from now. */
  rateLimited(retryAfterMs: number): void {
    const now = this.clock();
    const allowedAt = now + retryAfterMs;
    this.refused += 1;
    // The refused request itself was granted too: the others went through.
    const succeeded = this.grantsSinceLimit - 1;
    // A bucket's retry_after_ms never exceeds one interval: each refusal is a floor for it.
    this.spacingMs = Math.max(this.spacingMs, retryAfterMs * MARGIN);
    if (this.lastAllowedAt !== undefined && succeeded > 0 && this.rateSteps < RATE_STEPS) {
      // Between two refusals a bucket's allowed instant moves one interval per action accepted.
      const interval = (allowedAt - this.lastAllowedAt) / succeeded;
      if (interval * MARGIN > this.spacingMs) {
        this.spacingMs = interval * MARGIN;
        this.rateSteps += 1;
      }
    }
    this.lastAllowedAt = allowedAt;
    this.grantsSinceLimit = 0;
    this.holdUntil = Math.max(this.holdUntil, allowedAt);
    // Empty now; one action at the allowed instant.
    this.credit = 1 - retryAfterMs / this.spacingMs;
    this.creditAt = now;
    this.pump();
  }

  /** The interval Minou keeps between sends, learnt from 429s; 0 while the homeserver sets none. */
  get paceMs(): number {
    return this.spacingMs;
  }

  /** 429s met and requests let through, since start (for the logs and the bench). */
  get stats(): { refused: number; granted: number; spacingMs: number } {
    return { refused: this.refused, granted: this.granted, spacingMs: this.spacingMs };
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (;;) {
      if (this.waiters.length === 0) return;
      const now = this.clock();
      if (this.spacingMs > 0 && now - this.lastGrantAt > this.spacingMs * REFILL_INTERVALS && now >= this.holdUntil) {
        this.spacingMs = 0;
        this.rateSteps = 0;
        this.lastAllowedAt = undefined;
      }
      this.waiters.sort((a, b) => a.priority - b.priority || a.order - b.order);
      const next = this.waiters[0];
      if (next === undefined) return;
      let at = this.holdUntil;
      if (this.spacingMs > 0) {
        this.credit = Math.min(CREDIT_CAP, this.credit + (now - this.creditAt) / this.spacingMs);
        this.creditAt = now;
        const needed = next.priority >= SendPriority.LiveEdit ? 1 + RESERVED_FOR_URGENT : 1;
        if (this.credit < needed) at = Math.max(at, now + (needed - this.credit) * this.spacingMs);
      }
      if (now < at) {
        this.timer = setTimeout(() => this.pump(), Math.max(1, Math.ceil(at - now)));
        return;
      }
      this.waiters.shift();
      this.lastGrantAt = now;
      if (this.spacingMs > 0) this.credit -= 1;
      this.granted += 1;
      this.grantsSinceLimit += 1;
      next.grant();
    }
  }
}

/** Waits for the budget, then runs the request: for a withRetry attempt. */
export function budgeted<T>(budget: SendBudget, priority: SendPriority, request: () => Promise<T>, signal?: AbortSignal): () => Promise<T> {
  return async () => {
    await budget.acquire(priority, signal);
    return request();
  };
}

