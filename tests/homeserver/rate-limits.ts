// Synapse 1.67's per-account rate limits: the token buckets of synapse/api/ratelimiting.py with
// the defaults of synapse/config/ratelimiting.py, applied where synapse/handlers/message.py,
// room.py, room_member.py and profile.py apply them, and the per-user overrides of the admin API
// `override_ratelimit` (table ratelimit_override).
import { MatrixError } from "./errors.ts";

export interface RateLimitSetting {
  readonly perSecond: number;
  readonly burst: number;
}

export interface RateLimitOptions {
  /** rc_message: every event an account creates (default 0.2/s, burst 10). */
  message?: RateLimitSetting;
  /** rc_joins.local: rooms an account newly joins, createRoom included (default 0.1/s, burst 10). */
  joins?: RateLimitSetting;
  /** rc_joins_per_room: joins into one room, by anyone (default 1/s, burst 10). */
  joinsPerRoom?: RateLimitSetting;
  /** rc_invites: per_room 0.3/s burst 10, per_user (invitee) 0.003/s burst 5, per_issuer 0.3/s burst 10. */
  invites?: { perRoom?: RateLimitSetting; perUser?: RateLimitSetting; perIssuer?: RateLimitSetting };
  /** Accounts made with TestHomeserver.registerUser() start exempt, as after override_ratelimit 0/0. */
  exemptRegisteredUsers?: boolean;
  /** The clock the buckets read, in ms (default Date.now): tests move it instead of waiting. */
  now?: () => number;
}

/** A row of Synapse's ratelimit_override table. */
export interface RateLimitOverride {
  readonly messagesPerSecond: number;
  readonly burstCount: number;
}

/** synapse/config/ratelimiting.py, 1.67. */
export const SYNAPSE_DEFAULT_RATE_LIMITS = {
  message: { perSecond: 0.2, burst: 10 },
  joins: { perSecond: 0.1, burst: 10 },
  joinsPerRoom: { perSecond: 1, burst: 10 },
  invitesPerRoom: { perSecond: 0.3, burst: 10 },
  invitesPerUser: { perSecond: 0.003, burst: 5 },
  invitesPerIssuer: { perSecond: 0.3, burst: 10 },
} as const;

export function limitExceeded(retryAfterMs: number, headers: Record<string, string> = {}): MatrixError {
  return new MatrixError(429, "M_LIMIT_EXCEEDED", "Too Many Requests", { retry_after_ms: retryAfterMs }, headers);
}

interface ActionOptions {
  /** false: only check (Synapse's update=False), nothing is counted. */
  update?: boolean;
  nActions?: number;
  /** Rate and burst for this call (RequestRatelimiter passes the user's). */
  setting?: RateLimitSetting;
}

interface Bucket {
  actionCount: number;
  timeStart: number;
  rateHz: number;
}

/**
 * Synapse's Ratelimiter, "a leaky bucket as a meter": per key, the time the bucket was last empty
 * and the actions counted since. Times in seconds, as Synapse's clock.time().
 */
export class Ratelimiter {
  private readonly actions = new Map<string, Bucket>();

  constructor(
    private readonly setting: RateLimitSetting,
    private readonly nowSeconds: () => number,
  ) {}

  /** can_do_action: whether `nActions` fit now, and the reactor time when the next one will. */
  canDoAction(key: string, options: ActionOptions = {}, now = this.nowSeconds()): { allowed: boolean; timeAllowed: number } {
    const { update = true, nActions = 1 } = options;
    const rateHz = options.setting?.perSecond ?? this.setting.perSecond;
    const burstCount = options.setting?.burst ?? this.setting.burst;
    this.prune(now);
    let { actionCount, timeStart } = this.actions.get(key) ?? { actionCount: 0, timeStart: now };
    let performedCount = actionCount - (now - timeStart) * rateHz;
    if (performedCount < 0) {
      performedCount = 0;
      actionCount = 0;
      timeStart = now;
    }
    // Synapse compares this way round so that float rounding cannot let one action too many in.
    const allowed = !(performedCount > burstCount - nActions);
    if (allowed) actionCount += nActions;
    if (update) this.actions.set(key, { actionCount, timeStart, rateHz });
    let timeAllowed = -1;
    if (rateHz > 0) timeAllowed = Math.max(now, timeStart + (actionCount - burstCount + 1) / rateHz);
    return { allowed, timeAllowed };
  }

  /** ratelimit(): LimitExceededError with retry_after_ms = int(1000 * (time_allowed - now)). */
  ratelimit(key: string, options: ActionOptions = {}): void {
    const now = this.nowSeconds();
    const { allowed, timeAllowed } = this.canDoAction(key, options, now);
    if (!allowed) throw limitExceeded(Math.trunc(1000 * (timeAllowed - now)));
  }

  /** record_action: counts actions even past the limit (a new entry keeps rate 0, so it is never pruned). */
  recordAction(key: string, nActions = 1): void {
    const now = this.nowSeconds();
    const bucket = this.actions.get(key) ?? { actionCount: 0, timeStart: now, rateHz: 0 };
    this.actions.set(key, { ...bucket, actionCount: bucket.actionCount + nActions });
  }

  reset(): void {
    this.actions.clear();
  }

  /** _prune_message_counts: entries whose actions have all leaked away are forgotten. */
  private prune(now: number): void {
    for (const [key, bucket] of this.actions) {
      if (!(bucket.actionCount - (now - bucket.timeStart) * bucket.rateHz > 0)) this.actions.delete(key);
    }
  }
}

/** Every limiter of the server, and the per-user overrides. */
export class RateLimits {
  readonly enabled: boolean;
  readonly exemptRegisteredUsers: boolean;
  private readonly overrides = new Map<string, RateLimitOverride>();
  private readonly refusals = new Map<string, number>();
  private readonly messageDefault: RateLimitSetting;
  private readonly messages: Ratelimiter;
  private readonly joinsLocal: Ratelimiter;
  private readonly joinsPerRoom: Ratelimiter;
  private readonly invitesPerRoom: Ratelimiter;
  private readonly invitesPerUser: Ratelimiter;
  private readonly invitesPerIssuer: Ratelimiter;

  constructor(options: RateLimitOptions | false = {}) {
    const config = options === false ? {} : options;
    this.enabled = options !== false;
    this.exemptRegisteredUsers = config.exemptRegisteredUsers === true;
    const now = config.now ?? Date.now;
    const seconds = (): number => now() / 1000;
    const defaults = SYNAPSE_DEFAULT_RATE_LIMITS;
    this.messageDefault = config.message ?? defaults.message;
    // Synapse's RequestRatelimiter: rate and burst come with each call (the user's override or rc_message).
    this.messages = new Ratelimiter({ perSecond: 0, burst: 0 }, seconds);
    this.joinsLocal = new Ratelimiter(config.joins ?? defaults.joins, seconds);
    this.joinsPerRoom = new Ratelimiter(config.joinsPerRoom ?? defaults.joinsPerRoom, seconds);
    this.invitesPerRoom = new Ratelimiter(config.invites?.perRoom ?? defaults.invitesPerRoom, seconds);
    this.invitesPerUser = new Ratelimiter(config.invites?.perUser ?? defaults.invitesPerUser, seconds);
    this.invitesPerIssuer = new Ratelimiter(config.invites?.perIssuer ?? defaults.invitesPerIssuer, seconds);
  }

  override(userId: string): RateLimitOverride | undefined {
    return this.overrides.get(userId);
  }

  setOverride(userId: string, override: RateLimitOverride | undefined): void {
    if (override) this.overrides.set(userId, override);
    else this.overrides.delete(userId);
  }

  /**
   * Synapse's Ratelimiter.can_do_action: an override row with messages_per_second 0 lifts every
   * limit keyed by a requester; other overrides only change rc_message.
   */
  private exempt(userId: string): boolean {
    return !this.enabled || this.overrides.get(userId)?.messagesPerSecond === 0;
  }

  /**
   * rc_message (RequestRatelimiter.ratelimit). `update: false` is the check send and state
   * endpoints make before building the event; the counting call comes when it is persisted.
   */
  message(userId: string, update = true): void {
    if (this.exempt(userId)) return;
    const override = this.overrides.get(userId);
    const setting = override ? { perSecond: override.messagesPerSecond, burst: override.burstCount } : this.messageDefault;
    try {
      this.messages.ratelimit(userId, { update, setting });
    } catch (error) {
      this.refusals.set(userId, (this.refusals.get(userId) ?? 0) + 1);
      throw error;
    }
  }

  /** How many requests of the user's rc_message refused with 429 (for tests and benches). */
  messageRefusals(userId: string): number {
    return this.refusals.get(userId) ?? 0;
  }

  /** room_member.py: a local user newly joining a room (rc_joins.local, then rc_joins_per_room without counting). */
  join(userId: string, roomId: string): void {
    if (this.exempt(userId)) return;
    this.joinsLocal.ratelimit(userId);
    this.joinsPerRoom.ratelimit(roomId, { update: false });
  }

  /** The notifier's new-join callback: every join into a room counts for the room, limited or not. */
  joined(roomId: string): void {
    if (this.enabled) this.joinsPerRoom.recordAction(roomId);
  }

  /** ratelimit_invite: per room, per invitee, per issuer, each counting as it passes. */
  invite(userId: string, roomId: string, invitee: string): void {
    if (this.exempt(userId)) return;
    this.invitesPerRoom.ratelimit(roomId);
    this.invitesPerUser.ratelimit(invitee);
    this.invitesPerIssuer.ratelimit(userId);
  }

  /**
   * createRoom's ratelimit_multiple_invites(room_id=None, update=False): the per-room limiter,
   * keyed (as Synapse falls back to) by the creator's user ID; refused as a plain 400.
   */
  checkInvitesAtCreation(userId: string, count: number): void {
    if (this.exempt(userId) || count === 0) return;
    const { allowed } = this.invitesPerRoom.canDoAction(userId, { update: false, nActions: count });
    if (!allowed) throw new MatrixError(400, "M_UNKNOWN", "Cannot invite so many users at once");
  }

  /** Synapse keeps its buckets in memory: a restart empties them (overrides live in the database). */
  resetBuckets(): void {
    for (const limiter of [this.messages, this.joinsLocal, this.joinsPerRoom, this.invitesPerRoom, this.invitesPerUser, this.invitesPerIssuer]) {
      limiter.reset();
    }
  }
}
