// What an endpoint handler receives.
import type { IncomingHttpHeaders } from "node:http";
import type { Session } from "./accounts.ts";
import type { HomeserverCore } from "./core.ts";
import { MatrixError, badJson, missingParam, notJson } from "./errors.ts";
import type { Params, Router } from "./router.ts";
import { isJsonObject, type JsonObject } from "./types.ts";

export const CLIENT = "/_matrix/client/v3|r0";
export const CLIENT_V1 = "/_matrix/client/v1";
export const MEDIA = "/_matrix/media/v3|r0";

export type Routes = Router<RequestContext>;

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export class RequestContext {
  constructor(
    readonly core: HomeserverCore,
    readonly method: string,
    readonly params: Params,
    readonly query: URLSearchParams,
    readonly headers: IncomingHttpHeaders,
    readonly body: Buffer,
    /** Aborts when the client disconnects (or stop() destroys the connection). */
    readonly closed: AbortSignal,
  ) {}

  param(name: string): string {
    const value = this.params[name];
    if (value === undefined) throw new Error(`route has no parameter ${name}`);
    return value;
  }

  /** Spec "Client Authentication": Bearer header, or the deprecated access_token query parameter. */
  session(): Session {
    const header = this.headers.authorization;
    const token = header?.startsWith("Bearer ") ? header.slice("Bearer ".length) : this.query.get("access_token");
    if (!token) throw new MatrixError(401, "M_MISSING_TOKEN", "Missing access token");
    const session = this.core.accounts.session(token);
    if (!session) {
      throw new MatrixError(401, "M_UNKNOWN_TOKEN", "Unrecognised access token", { soft_logout: false });
    }
    return session;
  }

  /** The JSON object body; endpoints whose body is optional (join, leave…) pass allowEmpty. */
  jsonBody(allowEmpty = false): JsonObject {
    if (this.body.length === 0) {
      if (allowEmpty) return {};
      throw notJson("Content not JSON.");
    }
    let value: unknown;
    try {
      // Synapse decodes the body strictly (`content_bytes.decode("utf-8")`): bytes that are not
      // UTF-8, a surrogate encoded as bytes among them, and a byte-order mark make it "not JSON".
      value = JSON.parse(STRICT_UTF8.decode(this.body));
    } catch {
      throw notJson("Content not JSON.");
    }
    if (!isJsonObject(value)) throw badJson("Content must be a JSON object.");
    return value;
  }

  /** A non-negative integer query parameter (400 M_INVALID_PARAM otherwise). */
  integerQuery(name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
    const raw = this.query.get(name);
    if (raw === null || raw === "") return fallback;
    if (!/^\d+$/.test(raw)) throw new MatrixError(400, "M_INVALID_PARAM", `Query parameter ${name} must be an integer`);
    return Math.min(Number(raw), max);
  }
}

export function requireString(body: JsonObject, key: string): string {
  const value = body[key];
  if (value === undefined) throw missingParam(`Missing ${key}`);
  if (typeof value !== "string") throw badJson(`${key} must be a string`);
  return value;
}

export function optionalString(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw badJson(`${key} must be a string`);
  return value;
}
