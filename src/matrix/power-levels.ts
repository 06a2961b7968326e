/** The parts of `m.room.power_levels` Minou reads (spec: m.room.power_levels). */
export interface PowerLevels {
  readonly users: Readonly<Record<string, number>>;
  readonly usersDefault: number;
  readonly events: Readonly<Record<string, number>>;
  readonly eventsDefault: number;
  readonly stateDefault: number;
  readonly redact: number;
  /** `notifications.room`: the power an "@room" needs to ping the room (spec default 50). */
  readonly roomNotification: number;
}

export const MODERATOR_POWER_LEVEL = 50;

function integer(value: unknown, fallback: number): number {
  const number = typeof value === "string" ? Number.parseInt(value, 10) : value;
  return typeof number === "number" && Number.isFinite(number) ? Math.trunc(number) : fallback;
}

function integerMap(value: unknown): Record<string, number> {
  if (typeof value !== "object" || value === null) return {};
  const result: Record<string, number> = {};
  for (const [key, level] of Object.entries(value)) {
    const parsed = integer(level, Number.NaN);
    if (!Number.isNaN(parsed)) result[key] = parsed;
  }
  return result;
}

/**
 * Reads a power levels content with the spec's defaults. `undefined` (no event in the room) is
 * read as the spec's absent-event rules, except that the creator's implicit 100 is not known here.
 */
export function parsePowerLevels(content: Record<string, unknown> | undefined): PowerLevels {
  const source = content ?? {};
  const notifications = source["notifications"];
  return {
    users: integerMap(source["users"]),
    usersDefault: integer(source["users_default"], 0),
    events: integerMap(source["events"]),
    eventsDefault: integer(source["events_default"], 0),
    stateDefault: integer(source["state_default"], content === undefined ? 0 : 50),
    redact: integer(source["redact"], 50),
    roomNotification: integer(typeof notifications === "object" && notifications !== null ? (notifications as Record<string, unknown>)["room"] : undefined, 50),
  };
}

export function userPowerLevel(levels: PowerLevels, userId: string): number {
  return levels.users[userId] ?? levels.usersDefault;
}

export function canSendState(levels: PowerLevels, userId: string, eventType: string): boolean {
  return userPowerLevel(levels, userId) >= (levels.events[eventType] ?? levels.stateDefault);
}

export function canRedactOthers(levels: PowerLevels, userId: string): boolean {
  return userPowerLevel(levels, userId) >= levels.redact;
}

/** Whether an "@room" from this user pings the room (push rule `.m.rule.roomnotif`, `.m.rule.is_room_mention`). */
export function canMentionRoom(levels: PowerLevels, userId: string): boolean {
  return userPowerLevel(levels, userId) >= levels.roomNotification;
}
