// A bare fetch() client for the conformance tests: no SDK between the test and the wire.
import type { TestHomeserver } from "./index.ts";

export interface RawResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** What a Matrix error body looks like (spec: "Standard error response"). */
export interface ErrorBody {
  errcode: string;
  error: string;
  retry_after_ms?: number;
  soft_logout?: boolean;
}

interface RequestOptions {
  body?: unknown;
  /** Sent as-is (uploads); `body` is JSON-encoded otherwise. */
  rawBody?: Buffer | string;
  contentType?: string;
  headers?: Record<string, string>;
}

export const enc = encodeURIComponent;

export class RawClient {
  constructor(
    readonly baseUrl: string,
    readonly accessToken?: string,
    readonly userId = "",
    readonly deviceId = "",
  ) {}

  /** Paths not starting with /_matrix or /_synapse are relative to /_matrix/client/v3. */
  async request<T = Record<string, unknown>>(method: string, path: string, options: RequestOptions = {}): Promise<RawResponse<T>> {
    const url = path.startsWith("/_matrix") || path.startsWith("/_synapse") ? `${this.baseUrl}${path}` : `${this.baseUrl}/_matrix/client/v3${path}`;
    const headers: Record<string, string> = { ...options.headers };
    if (this.accessToken !== undefined) headers["Authorization"] = `Bearer ${this.accessToken}`;
    let body: string | Buffer | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      headers["Content-Type"] = options.contentType ?? "application/octet-stream";
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["Content-Type"] = "application/json";
    }
    const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
    const bytes = Buffer.from(await response.arrayBuffer());
    const isJson = response.headers.get("content-type")?.startsWith("application/json") === true;
    const parsed: unknown = isJson && bytes.length > 0 ? JSON.parse(bytes.toString("utf8")) : bytes;
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = Record<string, unknown>>(path: string): Promise<RawResponse<T>> {
    return this.request<T>("GET", path);
  }

  post<T = Record<string, unknown>>(path: string, body: unknown = {}): Promise<RawResponse<T>> {
    return this.request<T>("POST", path, { body });
  }

  put<T = Record<string, unknown>>(path: string, body: unknown = {}): Promise<RawResponse<T>> {
    return this.request<T>("PUT", path, { body });
  }
}

export async function newUser(homeserver: TestHomeserver, localpart: string): Promise<RawClient> {
  const { userId, accessToken, deviceId } = await homeserver.registerUser(localpart);
  return new RawClient(homeserver.url, accessToken, userId, deviceId);
}

/** Logs the same user in again over HTTP: a second device with its own access token. */
export async function secondDevice(homeserver: TestHomeserver, localpart: string, password = "password"): Promise<RawClient> {
  const anonymous = new RawClient(homeserver.url);
  const login = await anonymous.post<{ user_id: string; access_token: string; device_id: string }>("/login", {
    type: "m.login.password",
    identifier: { type: "m.id.user", user: localpart },
    password,
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return new RawClient(homeserver.url, login.body.access_token, login.body.user_id, login.body.device_id);
}

let txnCounter = 0;
export const txn = (): string => `txn${Date.now()}-${++txnCounter}`;

/** Sends a message event and returns its ID (throws on failure so test set-up stays short). */
export async function sendMessage(client: RawClient, roomId: string, content: unknown, type = "m.room.message"): Promise<string> {
  const response = await client.put<{ event_id: string }>(`/rooms/${enc(roomId)}/send/${enc(type)}/${txn()}`, content);
  if (response.status !== 200) throw new Error(`send failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.event_id;
}

export async function createRoom(client: RawClient, body: unknown = {}): Promise<string> {
  const response = await client.post<{ room_id: string }>("/createRoom", body);
  if (response.status !== 200) throw new Error(`createRoom failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.room_id;
}

/** Polls `probe` until it returns a value other than undefined (up to `timeoutMs`). */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
