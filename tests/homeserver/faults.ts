// Fault injection for tests: rate limits, server errors and latency on chosen requests. Only
// HTTP requests see faults; TestHomeserver's direct methods never do.
import { MatrixError } from "./errors.ts";
import { limitExceeded } from "./rate-limits.ts";

export interface RequestMatch {
  method?: string;
  path?: RegExp;
}

export interface Faults {
  /** The next `count` requests matching `match` (method + path regex against the decoded path, default: every request) answer 429 M_LIMIT_EXCEEDED with retry_after_ms and a Retry-After header. */
  rateLimit(count: number, retryAfterMs: number, match?: RequestMatch): void;
  /** Every `every`-th matching request (the 20th, 40th…, retries included) answers 429 as above, until cleared: a sender that keeps going meets its limit again and again. */
  rateLimitEvery(every: number, retryAfterMs: number, match?: RequestMatch): void;
  /** The next `count` matching requests answer with `status` (default 500) and {"errcode":"M_UNKNOWN","error":...}. */
  serverError(count: number, status?: number, match?: RequestMatch): void;
  /** Added latency in ms before every matching response (0 to remove). */
  latency(ms: number, match?: RequestMatch): void;
  clear(): void;
}

interface FailureRule {
  remaining: number;
  readonly match: RequestMatch;
  readonly error: () => MatrixError;
}

interface PeriodicRule {
  readonly every: number;
  seen: number;
  readonly match: RequestMatch;
  readonly retryAfterMs: number;
}

interface LatencyRule {
  readonly key: string;
  readonly ms: number;
  readonly match: RequestMatch;
}

function matches(match: RequestMatch, method: string, path: string): boolean {
  if (match.method !== undefined && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.path !== undefined) {
    match.path.lastIndex = 0; // a /g or /y regex must not carry state between requests
    if (!match.path.test(path)) return false;
  }
  return true;
}

const matchKey = (match: RequestMatch): string =>
  `${match.method?.toUpperCase() ?? "*"} ${match.path ? String(match.path) : "*"}`;

export class FaultInjector implements Faults {
  private failures: FailureRule[] = [];
  private latencies: LatencyRule[] = [];
  private periodic: PeriodicRule[] = [];

  rateLimit(count: number, retryAfterMs: number, match: RequestMatch = {}): void {
    this.failures.push({ remaining: count, match, error: () => injectedLimit(retryAfterMs) });
  }

  rateLimitEvery(every: number, retryAfterMs: number, match: RequestMatch = {}): void {
    if (!Number.isInteger(every) || every < 1) throw new Error("rateLimitEvery: every must be a positive integer");
    this.periodic.push({ every, seen: 0, match, retryAfterMs });
  }

  serverError(count: number, status = 500, match: RequestMatch = {}): void {
    this.failures.push({
      remaining: count,
      match,
      error: () => new MatrixError(status, "M_UNKNOWN", `Injected server error (${status})`),
    });
  }

  latency(ms: number, match: RequestMatch = {}): void {
    const key = matchKey(match);
    this.latencies = this.latencies.filter((rule) => rule.key !== key);
    if (ms > 0) this.latencies.push({ key, ms, match });
  }

  clear(): void {
    this.failures = [];
    this.latencies = [];
    this.periodic = [];
  }

  /** Longest latency among the rules matching this request. */
  delayFor(method: string, path: string): number {
    let delay = 0;
    for (const rule of this.latencies) if (matches(rule.match, method, path)) delay = Math.max(delay, rule.ms);
    return delay;
  }

  /** Consumes the first matching failure rule, oldest first; then counts the request for the periodic limits. */
  takeFailure(method: string, path: string): MatrixError | undefined {
    const rule = this.failures.find((r) => r.remaining > 0 && matches(r.match, method, path));
    if (rule) {
      rule.remaining -= 1;
      this.failures = this.failures.filter((r) => r.remaining > 0);
      return rule.error();
    }
    let limited: MatrixError | undefined;
    for (const periodic of this.periodic) {
      if (!matches(periodic.match, method, path)) continue;
      periodic.seen += 1;
      if (periodic.seen % periodic.every === 0) limited ??= injectedLimit(periodic.retryAfterMs);
    }
    return limited;
  }
}

/** Injected 429s carry Retry-After (whole seconds) as well; Synapse 1.67's own carry only the body. */
function injectedLimit(retryAfterMs: number): MatrixError {
  return limitExceeded(retryAfterMs, { "Retry-After": String(Math.ceil(retryAfterMs / 1000)) });
}
