// The server-default push rules exactly as Synapse 1.67 has them (synapse/push/baserules.py), in
// its internal form, and their client format (synapse/push/clientformat.py). 1.67 predates
// intentional mentions (no `.m.rule.is_user_mention`/`.m.rule.is_room_mention`) and
// `.m.rule.suppress_edits`; its experimental `.org.matrix.msc3786.rule.room.server_acl` and
// `.org.matrix.msc3772.thread_reply` are off by default, hence left out here.
import type { JsonObject } from "./types.ts";

export const PUSH_KINDS = ["override", "content", "room", "sender", "underride"] as const;
export type PushKind = (typeof PUSH_KINDS)[number];
export type PushAction = string | JsonObject;

export interface PushRule {
  readonly kind: PushKind;
  /** Unscoped, as clients name it: ".m.rule.master", a room ID for room rules… */
  readonly ruleId: string;
  readonly conditions: readonly JsonObject[];
  readonly actions: readonly PushAction[];
  readonly isDefault: boolean;
  readonly enabledByDefault: boolean;
}

const sound = { set_tweak: "sound", value: "default" };
const highlight = { set_tweak: "highlight" };
const noHighlight = { set_tweak: "highlight", value: false };
const eventMatch = (key: string, pattern: string): JsonObject => ({ kind: "event_match", key, pattern });

function base(kind: PushKind, ruleId: string, conditions: JsonObject[], actions: PushAction[], enabledByDefault = true): PushRule {
  return { kind, ruleId, conditions, actions, isDefault: true, enabledByDefault };
}

export const BASE_PREPEND_OVERRIDE: readonly PushRule[] = [base("override", ".m.rule.master", [], ["dont_notify"], false)];

export const BASE_APPEND_OVERRIDE: readonly PushRule[] = [
  base("override", ".m.rule.suppress_notices", [eventMatch("content.msgtype", "m.notice")], ["dont_notify"]),
  base(
    "override",
    ".m.rule.invite_for_me",
    [
      eventMatch("type", "m.room.member"),
      eventMatch("content.membership", "invite"),
      { kind: "event_match", key: "state_key", pattern_type: "user_id" },
    ],
    ["notify", sound, noHighlight],
  ),
  base("override", ".m.rule.member_event", [eventMatch("type", "m.room.member")], ["dont_notify"]),
  base("override", ".m.rule.contains_display_name", [{ kind: "contains_display_name" }], ["notify", sound, highlight]),
  base(
    "override",
    ".m.rule.roomnotif",
    [eventMatch("content.body", "@room"), { kind: "sender_notification_permission", key: "room" }],
    ["notify", { set_tweak: "highlight", value: true }],
  ),
  // The empty pattern never matches in 1.67 (push_rule_evaluator.py: `if not pattern: return False`).
  base(
    "override",
    ".m.rule.tombstone",
    [eventMatch("type", "m.room.tombstone"), eventMatch("state_key", "")],
    ["notify", { set_tweak: "highlight", value: true }],
  ),
  base("override", ".m.rule.reaction", [eventMatch("type", "m.reaction")], ["dont_notify"]),
];

export const BASE_APPEND_CONTENT: readonly PushRule[] = [
  base(
    "content",
    ".m.rule.contains_user_name",
    [{ kind: "event_match", key: "content.body", pattern_type: "user_localpart" }],
    ["notify", sound, highlight],
  ),
];

export const BASE_APPEND_UNDERRIDE: readonly PushRule[] = [
  base("underride", ".m.rule.call", [eventMatch("type", "m.call.invite")], ["notify", { set_tweak: "sound", value: "ring" }, noHighlight]),
  base(
    "underride",
    ".m.rule.room_one_to_one",
    [{ kind: "room_member_count", is: "2" }, eventMatch("type", "m.room.message")],
    ["notify", sound, noHighlight],
  ),
  base(
    "underride",
    ".m.rule.encrypted_room_one_to_one",
    [{ kind: "room_member_count", is: "2" }, eventMatch("type", "m.room.encrypted")],
    ["notify", sound, noHighlight],
  ),
  base("underride", ".m.rule.message", [eventMatch("type", "m.room.message")], ["notify", noHighlight]),
  base("underride", ".m.rule.encrypted", [eventMatch("type", "m.room.encrypted")], ["notify", noHighlight]),
  base(
    "underride",
    ".im.vector.jitsi",
    [eventMatch("type", "im.vector.modular.widgets"), eventMatch("content.type", "jitsi"), eventMatch("state_key", "*")],
    ["notify", noHighlight],
  ),
];

const BASE_RULES = [...BASE_PREPEND_OVERRIDE, ...BASE_APPEND_OVERRIDE, ...BASE_APPEND_CONTENT, ...BASE_APPEND_UNDERRIDE];

export const ruleKey = (kind: PushKind, ruleId: string): string => `${kind}/${ruleId}`;

export function baseRule(kind: PushKind, ruleId: string): PushRule | undefined {
  return BASE_RULES.find((rule) => rule.kind === kind && rule.ruleId === ruleId);
}

/**
 * Synapse's client format. A content rule whose condition has no literal `pattern` is left out,
 * so 1.67 never lists `.m.rule.contains_user_name` (it still applies it).
 */
export function toClientRule(rule: PushRule, enabled: boolean, userId: string): JsonObject | undefined {
  const out: JsonObject = { rule_id: rule.ruleId };
  if (rule.kind === "override" || rule.kind === "underride") {
    out["conditions"] = rule.conditions.map((condition) => clientCondition(condition, userId));
  } else if (rule.kind === "content") {
    const pattern = rule.conditions.length === 1 ? rule.conditions[0]?.["pattern"] : undefined;
    if (pattern === undefined) return undefined;
    out["pattern"] = pattern;
  }
  out["actions"] = structuredClone(rule.actions);
  if (rule.isDefault) out["default"] = true;
  out["enabled"] = enabled;
  return out;
}

function clientCondition(condition: JsonObject, userId: string): JsonObject {
  const { pattern_type: patternType, ...out } = structuredClone(condition);
  if (patternType === "user_id") out["pattern"] = userId;
  if (patternType === "user_localpart") out["pattern"] = userId.slice(1, userId.indexOf(":"));
  return out;
}
