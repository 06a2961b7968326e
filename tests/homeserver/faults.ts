// Fault injection for tests: rate limits, server errors and latency on chosen requests. Only
// HTTP requests see faults; TestHomeserver's direct methods never do.
import { MatrixError } from "./errors.ts";
import { limitExceeded } from "./rate-limits.ts";
import { isJsonObject, type JsonObject } from "./types.ts";

export interface RequestMatch {
  method?: string;
  path?: RegExp;
}

/** Where a send goes, for a `SendMatch` predicate that looks beyond the content. */
export interface SendTarget {
  readonly roomId: string;
  readonly eventType: string;
}

/**
 * Which sends `serverErrorFor` fails: those whose content the predicate accepts, or whose
 * `body` contains the string. The content is what the client sent: in an encrypted room that is
 * the ciphertext (`m.room.encrypted`), so a body cannot be matched there.
 */
export type SendMatch = ((content: JsonObject, target: SendTarget) => boolean) | { readonly bodyIncludes: string };

/** A message that always fails, as `serverErrorFor` returns it. */
export interface FailingSend {
  /** Sends refused so far, retries included. */
  readonly failures: number;
  /** Lets them through again (`faults.clear()` does too). */
  clear(): void;
}

export interface Faults {
  /** The next `count` requests matching `match` (method + path regex against the decoded path, default: every request) answer 429 M_LIMIT_EXCEEDED with retry_after_ms and a Retry-After header. */
  rateLimit(count: number, retryAfterMs: number, match?: RequestMatch): void;
  /** Every `every`-th matching request (the 20th, 40th…, retries included) answers 429 as above, until cleared: a sender that keeps going meets its limit again and again. */
  rateLimitEvery(every: number, retryAfterMs: number, match?: RequestMatch): void;
  /** The next `count` matching requests answer with `status` (default 500) and {"errcode":"M_UNKNOWN","error":...}. */
  serverError(count: number, status?: number, match?: RequestMatch): void;
  /**
   * Every `PUT …/rooms/{roomId}/send/{eventType}/{txnId}` whose content matches answers `status`
   * (default 500) with {"errcode":"M_UNKNOWN",...}, on every attempt, until cleared: one message
   * that can never be sent, while the others go through. Nothing is stored and the transaction
   * ID is not remembered, as for any failed send.
   */
  serverErrorFor(match: SendMatch, status?: number): FailingSend;
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

interface SendFailureRule {
  readonly accepts: (content: JsonObject, target: SendTarget) => boolean;
  readonly status: number;
  failures: number;
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

/** On the path as sent (percent-encoded), so that a "/" inside an ID stays inside its segment. */
const SEND_PATH = /^\/_matrix\/client\/(?:v3|r0)\/rooms\/([^/]+)\/send\/([^/]+)\/[^/]+$/;

function sendPredicate(match: SendMatch): (content: JsonObject, target: SendTarget) => boolean {
  if (typeof match === "function") return match;
  const { bodyIncludes } = match;
  return (content) => typeof content["body"] === "string" && content["body"].includes(bodyIncludes);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const matchKey = (match: RequestMatch): string =>
  `${match.method?.toUpperCase() ?? "*"} ${match.path ? String(match.path) : "*"}`;

export class FaultInjector implements Faults {
  private failures: FailureRule[] = [];
  private latencies: LatencyRule[] = [];
  private periodic: PeriodicRule[] = [];
  private failingSends: SendFailureRule[] = [];

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

  serverErrorFor(match: SendMatch, status = 500): FailingSend {
    const rule: SendFailureRule = { accepts: sendPredicate(match), status, failures: 0 };
    this.failingSends.push(rule);
    return {
      get failures() {
        return rule.failures;
      },
      clear: () => {
        this.failingSends = this.failingSends.filter((other) => other !== rule);
      },
    };
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
    this.failingSends = [];
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

  /**
   * The error of the first `serverErrorFor` rule that fails this request, if it is a send whose
   * content matches; `rawPath` is the path before percent-decoding. A body that is not a JSON
   * object is left to the route (400).
   */
  takeSendFailure(method: string, rawPath: string, body: Buffer): MatrixError | undefined {
    if (this.failingSends.length === 0 || method.toUpperCase() !== "PUT") return undefined;
    const segments = SEND_PATH.exec(rawPath);
    if (segments?.[1] === undefined || segments[2] === undefined) return undefined;
    let content: unknown;
    try {
      content = JSON.parse(body.toString("utf8"));
    } catch {
      return undefined;
    }
    if (!isJsonObject(content)) return undefined;
    const target = { roomId: decodeSegment(segments[1]), eventType: decodeSegment(segments[2]) };
    const rule = this.failingSends.find((candidate) => candidate.accepts(content, target));
    if (rule === undefined) return undefined;
    rule.failures += 1;
    return new MatrixError(rule.status, "M_UNKNOWN", `Injected server error (${rule.status})`);
  }
}

/** Injected 429s carry Retry-After (whole seconds) as well; Synapse 1.67's own carry only the body. */
function injectedLimit(retryAfterMs: number): MatrixError {
  return limitExceeded(retryAfterMs, { "Retry-After": String(Math.ceil(retryAfterMs / 1000)) });
}
