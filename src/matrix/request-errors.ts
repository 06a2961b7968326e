/**
 * What to do about a failed homeserver request. matrix-bot-sdk throws a MatrixError for JSON
 * errors, the raw response for other non-2xx answers, and the socket error for network failures.
 */
export type RequestFailure =
  | { readonly kind: "rateLimited"; readonly retryAfterMs: number; readonly description: string }
  | { readonly kind: "transient"; readonly description: string; readonly status?: number; readonly errcode?: string }
  | { readonly kind: "permanent"; readonly status: number; readonly errcode: string | undefined; readonly description: string };

const DEFAULT_RETRY_AFTER_MS = 1000;

export function classifyFailure(error: unknown): RequestFailure {
  if (typeof error !== "object" || error === null) return { kind: "transient", description: String(error) };
  const record = error as Record<string, unknown>;
  const status = typeof record["statusCode"] === "number" ? record["statusCode"] : undefined;
  const body = (typeof record["body"] === "object" && record["body"] !== null ? record["body"] : {}) as Record<string, unknown>;
  const errcode = typeof record["errcode"] === "string" ? record["errcode"] : typeof body["errcode"] === "string" ? body["errcode"] : undefined;
  const description = `${status ?? "network"} ${errcode ?? ""} ${typeof record["error"] === "string" ? record["error"] : errorMessage(error)}`.trim();
  if (status === undefined) return { kind: "transient", description };
  if (status === 429 || errcode === "M_LIMIT_EXCEEDED") {
    return { kind: "rateLimited", retryAfterMs: retryAfter(record, body), description };
  }
  if (status >= 500 || status === 408) return { kind: "transient", description, status, ...(errcode === undefined ? {} : { errcode }) };
  return { kind: "permanent", status, errcode, description };
}

function retryAfter(record: Record<string, unknown>, body: Record<string, unknown>): number {
  const fromError = record["retryAfterMs"] ?? body["retry_after_ms"];
  if (typeof fromError === "number" && fromError >= 0) return fromError;
  const headers = record["headers"] as Record<string, unknown> | undefined;
  const header = headers?.["retry-after"];
  const seconds = typeof header === "string" ? Number.parseFloat(header) : Number.NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "";
}
