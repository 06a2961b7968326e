import { withRetry, type RetryPolicy } from "../matrix/retry.ts";
import type { HomeserverRequest } from "./crypto-requests.ts";

/** A failed request as matrix-bot-sdk reports one, so that the same retry rules apply. */
export class HomeserverError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: Record<string, unknown>,
  ) {
    super(`${statusCode} ${String(body["errcode"] ?? "")} ${String(body["error"] ?? "")}`.trim());
  }
}

/** One authenticated JSON request with fetch; a non-2xx answer throws a HomeserverError. */
export async function fetchJson(homeserverUrl: string, accessToken: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${homeserverUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed = (text === "" ? {} : JSON.parse(text)) as unknown;
  if (!response.ok) throw new HomeserverError(response.status, typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {});
  return parsed;
}

/** The crypto engine's requests for a process without matrix-bot-sdk's client (npm run login). */
export function fetchRequest(homeserverUrl: string, accessToken: string, retryPolicy: RetryPolicy): HomeserverRequest {
  return (method, path, body) => withRetry(() => fetchJson(homeserverUrl, accessToken, method, path, body), retryPolicy);
}
