import { classifyFailure, type RequestFailure } from "./request-errors.ts";

export interface RetryPolicy {
  /** Attempts for network errors and 5xx before giving up (rate limits do not count). */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /**
   * The same request answered 500 this many times in a row: the homeserver cannot take this
   * content (Synapse answers 500 to text it cannot store), so it is given up as refused.
   */
  readonly maxRepeatedServerErrors?: number;
  /** Aborts the waiting between attempts (Minou is stopping). */
  readonly signal?: AbortSignal;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 10, initialDelayMs: 500, maxDelayMs: 60_000 };

export class GaveUp extends Error {
  constructor(readonly failure: RequestFailure, readonly attempts: number) {
    super(`${failure.description} (after ${attempts} attempt${attempts > 1 ? "s" : ""})`);
  }
}

/**
 * Runs a homeserver request until it succeeds: 429 waits for retry_after_ms, network errors and
 * 5xx back off exponentially up to a cap, other errors (403, 404…) fail at once.
 */
export async function withRetry<T>(
  request: () => Promise<T>,
  policy: RetryPolicy = defaultRetryPolicy,
  onRetry?: (failure: RequestFailure, delayMs: number) => void,
): Promise<T> {
  let attempts = 0;
  let serverErrors = 0;
  let delay = policy.initialDelayMs;
  for (;;) {
    try {
      return await request();
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind === "permanent") throw new GaveUp(failure, attempts + 1);
      serverErrors = failure.kind === "transient" && failure.status === 500 ? serverErrors + 1 : 0;
      if (failure.kind === "transient" && serverErrors >= (policy.maxRepeatedServerErrors ?? Number.POSITIVE_INFINITY)) {
        throw new GaveUp({ kind: "permanent", status: 500, errcode: failure.errcode, description: failure.description }, attempts + 1);
      }
      let wait: number;
      if (failure.kind === "rateLimited") {
        wait = failure.retryAfterMs;
      } else {
        attempts += 1;
        if (attempts >= policy.maxAttempts) throw new GaveUp(failure, attempts);
        wait = delay;
        delay = Math.min(policy.maxDelayMs, delay * 2);
      }
      onRetry?.(failure, wait);
      await sleep(wait, policy.signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
