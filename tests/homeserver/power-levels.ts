// Effective power levels of a room (spec: m.room.power_levels). Absent keys take the spec's
// defaults; with no power levels event at all, the creator has 100 and state_default is 0.
import { badJson } from "./errors.ts";
import { isJsonObject, type JsonObject } from "./types.ts";

export interface PowerLevels {
  users: Record<string, number>;
  users_default: number;
  events: Record<string, number>;
  events_default: number;
  state_default: number;
  ban: number;
  kick: number;
  redact: number;
  invite: number;
  notifications: Record<string, number>;
}

const LEVEL_KEYS = ["users_default", "events_default", "state_default", "ban", "kick", "redact", "invite"] as const;
type LevelKey = (typeof LEVEL_KEYS)[number];

const integerOr = (value: unknown, fallback: number): number =>
  typeof value === "number" && Number.isInteger(value) ? value : fallback;

function integerMap(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (!isJsonObject(value)) return out;
  for (const [key, level] of Object.entries(value)) {
    if (typeof level === "number" && Number.isInteger(level)) out[key] = level;
  }
  return out;
}

export function effectivePowerLevels(content: JsonObject | undefined, creator: string | undefined): PowerLevels {
  if (content === undefined) {
    return {
      users: creator === undefined ? {} : { [creator]: 100 },
      users_default: 0,
      events: {},
      events_default: 0,
      state_default: 0,
      ban: 50,
      kick: 50,
      redact: 50,
      invite: 0,
      notifications: { room: 50 },
    };
  }
  return {
    users: integerMap(content["users"]),
    users_default: integerOr(content["users_default"], 0),
    events: integerMap(content["events"]),
    events_default: integerOr(content["events_default"], 0),
    state_default: integerOr(content["state_default"], 50),
    ban: integerOr(content["ban"], 50),
    kick: integerOr(content["kick"], 50),
    redact: integerOr(content["redact"], 50),
    invite: integerOr(content["invite"], 0),
    notifications: { room: 50, ...integerMap(content["notifications"]) },
  };
}

export function userLevel(levels: PowerLevels, userId: string): number {
  return levels.users[userId] ?? levels.users_default;
}

/** Spec auth rules: the "required power level" for sending an event of this type. */
export function requiredLevel(levels: PowerLevels, type: string, isState: boolean): number {
  return levels.events[type] ?? (isState ? levels.state_default : levels.events_default);
}

/** Spec auth rule 9.1–9.3 (room v10+): levels must be integers, `users` keys user IDs. */
export function validatePowerLevelsContent(content: JsonObject): void {
  for (const key of LEVEL_KEYS) {
    if (key in content && !Number.isInteger(content[key])) throw badJson(`power_levels.${key} must be an integer`);
  }
  for (const key of ["events", "notifications", "users"] as const) {
    const value = content[key];
    if (value === undefined) continue;
    if (!isJsonObject(value) || !Object.values(value).every((level) => Number.isInteger(level))) {
      throw badJson(`power_levels.${key} must be an object of integers`);
    }
    if (key === "users" && !Object.keys(value).every((id) => /^@[^:]+:.+$/.test(id))) {
      throw badJson("power_levels.users keys must be user IDs");
    }
  }
}

/**
 * Spec auth rule 9.5–9.9: which changes to power levels the sender may make. Returns the reason
 * for refusing, or undefined when allowed.
 */
export function powerLevelsChangeRefusal(
  previous: JsonObject,
  next: JsonObject,
  sender: string,
  senderLevel: number,
): string | undefined {
  const old = effectivePowerLevels(previous, undefined);
  const neu = effectivePowerLevels(next, undefined);
  for (const key of LEVEL_KEYS) {
    const before: number | undefined = key in previous ? old[key as LevelKey] : undefined;
    const after: number | undefined = key in next ? neu[key as LevelKey] : undefined;
    if (before === after) continue;
    if ((before ?? -Infinity) > senderLevel || (after ?? -Infinity) > senderLevel) {
      return `cannot change ${key} beyond your own power level`;
    }
  }
  for (const key of ["events", "notifications"] as const) {
    const before = integerMap(previous[key]);
    const after = integerMap(next[key]);
    for (const type of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (before[type] === after[type]) continue;
      if (before[type] !== undefined && before[type] > senderLevel) return `cannot change ${key}.${type}`;
      if (after[type] !== undefined && after[type] > senderLevel) return `cannot raise ${key}.${type} above your level`;
    }
  }
  const beforeUsers = integerMap(previous["users"]);
  const afterUsers = integerMap(next["users"]);
  for (const user of new Set([...Object.keys(beforeUsers), ...Object.keys(afterUsers)])) {
    const before = beforeUsers[user];
    const after = afterUsers[user];
    if (before === after) continue;
    if (before !== undefined && user !== sender && before >= senderLevel) {
      return `cannot change the level of ${user}, who is at or above your level`;
    }
    if (after !== undefined && after > senderLevel) return `cannot grant ${user} more than your own level`;
  }
  return undefined;
}
