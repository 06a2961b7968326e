// The test homeserver's public API: an in-process Matrix homeserver speaking the Client-Server
// API over real HTTP on 127.0.0.1, for matrix-bot-sdk (the bot) and matrix-js-sdk (test members).
import { toClientEvent } from "./client-events.ts";
import { HomeserverCore } from "./core.ts";
import { FaultInjector, type Faults } from "./faults.ts";
import type { RateLimitOptions } from "./rate-limits.ts";
import type { Room, StoredEvent } from "./room.ts";
import { buildRoutes } from "./routes/index.ts";
import { createDispatcher, HttpListener } from "./server.ts";
import type { ClientEvent, JsonObject, SyncEvent } from "./types.ts";

export type { ClientEvent, SyncEvent, StrippedStateEvent, UnsignedData, JsonObject } from "./types.ts";
export type { FailingSend, Faults, RequestMatch, SendMatch, SendTarget } from "./faults.ts";
export type { RateLimitOptions, RateLimitSetting } from "./rate-limits.ts";
export { SYNAPSE_DEFAULT_RATE_LIMITS } from "./rate-limits.ts";

/** One entry of GET /notifications (Synapse's shape). */
export interface NotificationEntry {
  room_id: string;
  profile_tag: null;
  actions: unknown[];
  ts: number;
  event: SyncEvent;
  read: boolean;
}

export interface NotificationsPage {
  notifications: NotificationEntry[];
  next_token: string | null;
}

export interface TestHomeserverOptions {
  /** Default "minou.test". */
  serverName?: string;
  /** Default 0: a random free port. */
  port?: number;
  /**
   * Synapse 1.67's per-account rate limits (rc_message, rc_joins, rc_invites), on by default with
   * its defaults; each bucket can be changed, or `false` turns them all off.
   */
  rateLimits?: RateLimitOptions | false;
}

export interface RegisterOptions {
  /** A server admin, who may call /_synapse/admin/v1/users/{userId}/override_ratelimit. */
  admin?: boolean;
}

export class TestHomeserver {
  readonly serverName: string;
  readonly faults: Faults;
  private readonly core: HomeserverCore;
  private readonly listener: HttpListener;
  private closed = false;

  private constructor(serverName: string, rateLimits: RateLimitOptions | false | undefined) {
    this.serverName = serverName;
    this.core = new HomeserverCore(serverName, rateLimits);
    const faults = new FaultInjector();
    this.faults = faults;
    this.listener = new HttpListener(createDispatcher(this.core, buildRoutes(), faults));
  }

  static async start(options: TestHomeserverOptions = {}): Promise<TestHomeserver> {
    const homeserver = new TestHomeserver(options.serverName ?? "minou.test", options.rateLimits);
    await homeserver.listener.listen(options.port ?? 0);
    return homeserver;
  }

  /** "http://127.0.0.1:PORT" */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get port(): number {
    return this.listener.port;
  }

  /** Stops listening and drops open connections (in-flight long-polls end); all state is kept. */
  async stop(): Promise<void> {
    this.core.stream.wakeAll();
    await this.listener.close();
  }

  /** Listens again on the same port, with the same state; like Synapse's, the rate-limit buckets start empty (overrides stay). */
  async restart(): Promise<void> {
    if (this.closed) throw new Error("TestHomeserver.restart(): the homeserver was closed for good");
    if (this.listener.listening) return;
    this.core.rateLimits.resetBuckets();
    await this.listener.listen(this.port);
  }

  /** Stops for good. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop();
  }

  /**
   * Registers a user directly (no HTTP, no faults) and opens a session on a new device.
   * The password defaults to "password". Throws if the localpart is taken. With the rate-limit
   * option `exemptRegisteredUsers`, the account starts exempt from rate limits.
   */
  async registerUser(localpart: string, password = "password", options: RegisterOptions = {}): Promise<{ userId: string; accessToken: string; deviceId: string }> {
    const account = this.core.accounts.register(localpart, password);
    account.admin = options.admin === true;
    if (this.core.rateLimits.exemptRegisteredUsers) this.exemptFromRateLimits(account.userId);
    const session = this.core.accounts.openSession(account);
    return { userId: account.userId, accessToken: session.token, deviceId: session.deviceId };
  }

  /**
   * Exempts the user from every rate limit, as Synapse's admin API override_ratelimit with
   * messages_per_second 0 and burst_count 0 does (no HTTP).
   */
  exemptFromRateLimits(userId: string): void {
    this.setRateLimitOverride(userId, { messagesPerSecond: 0, burstCount: 0 });
  }

  /** Sets (or with undefined removes) a user's override_ratelimit row: a non-zero rate replaces rc_message for them only. */
  setRateLimitOverride(userId: string, override: { messagesPerSecond: number; burstCount: number } | undefined): void {
    this.core.accounts.require(userId);
    this.core.rateLimits.setOverride(userId, override);
  }

  /** Requests of `userId` refused with 429 by rc_message so far. */
  rateLimitRefusals(userId: string): number {
    return this.core.rateLimits.messageRefusals(userId);
  }

  /** Every event `userId` has created, in all rooms (what rc_message counts). */
  totalEventsBy(userId: string): number {
    let count = 0;
    for (const room of this.core.rooms.all()) for (const event of room.events) if (event.sender === userId) count += 1;
    return count;
  }

  /** Test fault: to-device messages to `userId` (room keys…) are held back until released. */
  holdToDevice(userId: string): void {
    this.core.toDevice.holdFor(userId);
  }

  releaseToDevice(userId: string): void {
    this.core.toDevice.releaseFor(userId);
  }

  /**
   * Calls `listener` with each room event as the server stores it, i.e. when the request that
   * sent it arrives (read-only; benchmarks time a bot server-side with it). Returns the unsubscribe.
   */
  onRoomEvent(listener: (roomId: string, event: ClientEvent) => void): () => void {
    const told = (room: Room, event: StoredEvent): void => listener(room.roomId, structuredClone(toClientEvent(room, event, undefined)));
    this.core.rooms.appendListeners.add(told);
    return () => {
      this.core.rooms.appendListeners.delete(told);
    };
  }

  /**
   * What GET /notifications answers `userId` (Synapse 1.67's push rules; newest first, 50 by
   * default, `next_token` to page on), without HTTP or faults.
   */
  notificationsOf(userId: string, query: { from?: string; limit?: number; only?: "highlight" } = {}): NotificationsPage {
    const page = this.core.notifications.page(userId, { from: query.from, limit: query.limit, onlyHighlight: query.only === "highlight" });
    return structuredClone(page) as unknown as NotificationsPage;
  }

  /** The users whose push rules notify them of the event, with the actions (highlight…) they got. */
  notifiedBy(eventId: string): Array<{ userId: string; actions: unknown[]; highlight: boolean }> {
    return this.core.notifications.recipientsOf(eventId);
  }

  /** A joined room's `unread_notifications` for the user, as their next /sync shows it. Throws for an unknown room. */
  unreadNotifications(userId: string, roomId: string): { notification_count: number; highlight_count: number } {
    return this.core.notifications.unreadCounts(this.requireRoom(roomId), userId);
  }

  /** Events of a room in timeline order (full client-format events, as /messages returns). Throws for an unknown room. */
  roomEvents(roomId: string): ClientEvent[] {
    const room = this.requireRoom(roomId);
    return room.events.map((event) => structuredClone(toClientEvent(room, event, undefined)));
  }

  /** Current state event content or undefined. Throws for an unknown room. */
  stateContent(roomId: string, type: string, stateKey = ""): Record<string, unknown> | undefined {
    const event = this.requireRoom(roomId).state(type, stateKey);
    return event ? (structuredClone(event.content) as JsonObject) : undefined;
  }

  private requireRoom(roomId: string): Room {
    const room = this.core.rooms.get(roomId);
    if (!room) throw new Error(`TestHomeserver: unknown room ${roomId}`);
    return room;
  }
}
