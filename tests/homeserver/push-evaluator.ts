// Push rule conditions and the first-match walk, as Synapse 1.67 evaluates them
// (synapse/push/push_rule_evaluator.py, bulk_push_rule_evaluator.py, matrix_common/regex.py).
import type { PushAction, PushRule } from "./push-rules.ts";
import { isJsonObject, type JsonObject } from "./types.ts";

/** What the rules see of one event, shared by every recipient. */
export interface PushEventContext {
  /** The event's PDU as "a.b.c" → lowercased string value (Synapse's _flatten_dict). */
  readonly flattened: ReadonlyMap<string, string>;
  readonly body: unknown;
  /** Joined members before the event. */
  readonly memberCount: number;
  readonly senderLevel: number;
  /** `notifications` of the power levels before the event. */
  readonly notificationLevels: Readonly<Record<string, number>>;
}

export function flattenEvent(value: JsonObject, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === "string") out.set(prefix + key, item.toLowerCase());
    else if (isJsonObject(item)) flattenEvent(item, `${prefix}${key}.`, out);
  }
  return out;
}

/**
 * The actions of the first enabled rule that matches, without "dont_notify"; undefined when that
 * rule does not notify (or none matches): only then does Synapse record a push action.
 */
export function pushActionsFor(
  rules: Iterable<{ rule: PushRule; enabled: boolean }>,
  event: PushEventContext,
  userId: string,
  displayName: string | undefined,
): PushAction[] | undefined {
  for (const { rule, enabled } of rules) {
    if (!enabled) continue;
    if (!rule.conditions.every((condition) => matches(condition, event, userId, displayName))) continue;
    const actions = rule.actions.filter((action) => action !== "dont_notify");
    return actions.includes("notify") ? structuredClone(actions) : undefined;
  }
  return undefined;
}

/** Synapse _action_has_highlight: the first highlight tweak decides; its value defaults to true. */
export function isHighlight(actions: readonly PushAction[]): boolean {
  for (const action of actions) {
    if (isJsonObject(action) && action["set_tweak"] === "highlight") return "value" in action ? Boolean(action["value"]) : true;
  }
  return false;
}

function matches(condition: JsonObject, event: PushEventContext, userId: string, displayName: string | undefined): boolean {
  switch (condition["kind"]) {
    case "event_match":
      return eventMatch(condition, event, userId);
    case "contains_display_name":
      return !!displayName && typeof event.body === "string" && event.body !== "" && wordPattern(escapeRegex(displayName)).test(event.body);
    case "room_member_count":
      return memberCountMatches(condition["is"], event.memberCount);
    case "sender_notification_permission": {
      const key = condition["key"];
      if (typeof key !== "string") return false;
      return event.senderLevel >= (event.notificationLevels[key] ?? 50);
    }
    default:
      // Synapse: "we have reached an unknown condition kind and are unconditionally returning that it matches".
      return true;
  }
}

function eventMatch(condition: JsonObject, event: PushEventContext, userId: string): boolean {
  let pattern = condition["pattern"];
  if (!pattern) {
    if (condition["pattern_type"] === "user_id") pattern = userId;
    else if (condition["pattern_type"] === "user_localpart") pattern = userId.slice(1, userId.indexOf(":"));
  }
  // An empty pattern never matches (so 1.67's `.m.rule.tombstone`, state_key "", never fires).
  if (typeof pattern !== "string" || pattern === "") return false;
  if (condition["key"] === "content.body") {
    return typeof event.body === "string" && event.body !== "" && globRegex(pattern, true).test(event.body);
  }
  const haystack = typeof condition["key"] === "string" ? event.flattened.get(condition["key"]) : undefined;
  return haystack !== undefined && globRegex(pattern, false).test(haystack);
}

const INEQUALITY = /^([=<>]*)([0-9]*)$/;

function memberCountMatches(expression: unknown, count: number): boolean {
  if (typeof expression !== "string") return false;
  const match = INEQUALITY.exec(expression);
  if (!match?.[2]) return false;
  const operator = match[1];
  const rhs = Number(match[2]);
  if (operator === "" || operator === "==") return count === rhs;
  if (operator === "<") return count < rhs;
  if (operator === ">") return count > rhs;
  if (operator === ">=") return count >= rhs;
  if (operator === "<=") return count <= rhs;
  return false;
}

// Python's `\w` on str is Unicode-aware (letters, digits, underscore); JavaScript's is ASCII-only,
// so "Zoé" must not match inside "Zoéline" here either.
const WORD = "[\\p{L}\\p{N}_]";
const NON_WORD = "[^\\p{L}\\p{N}_]";
const BOUNDARY = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** matrix_common to_word_pattern: a whole-word match, lenient where the pattern starts or ends with a non-word character. */
function wordPattern(pattern: string): RegExp {
  return new RegExp(`(?:^|${NON_WORD}|${BOUNDARY})(${pattern})(?:${BOUNDARY}|${NON_WORD}|$)`, "iu");
}

const globCache = new Map<string, RegExp>();

/** matrix_common glob_to_regex: only `*` and `?` are wildcards, case-insensitive. */
function globRegex(glob: string, wordBoundary: boolean): RegExp {
  const cacheKey = `${wordBoundary ? "w" : "a"}${glob}`;
  const cached = globCache.get(cacheKey);
  if (cached) return cached;
  const pattern = glob
    .split(/([?*]+)/)
    .map((chunk, i) => {
      if (i % 2 === 0) return escapeRegex(chunk);
      const questionMarks = [...chunk].filter((c) => c === "?").length;
      return chunk.includes("*") ? `[^\\n]{${questionMarks},}` : `[^\\n]{${questionMarks}}`;
    })
    .join("");
  const regex = wordBoundary ? wordPattern(pattern) : new RegExp(`^(?:${pattern})$`, "iu");
  globCache.set(cacheKey, regex);
  return regex;
}
