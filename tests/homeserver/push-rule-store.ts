// Each user's push rules: the base rules of push-rules.ts interleaved with their own rules, in
// Synapse 1.67's order (baserules.py PushRules.__iter__), plus the `enabled` and `actions`
// changes made through PUT /pushrules (synapse/rest/client/push_rule.py, handlers/push_rules.py,
// storage/databases/main/push_rule.py).
import { MatrixError, notFound } from "./errors.ts";
import {
  BASE_APPEND_CONTENT,
  BASE_APPEND_OVERRIDE,
  BASE_APPEND_UNDERRIDE,
  BASE_PREPEND_OVERRIDE,
  PUSH_KINDS,
  baseRule,
  ruleKey,
  toClientRule,
  type PushAction,
  type PushKind,
  type PushRule,
} from "./push-rules.ts";
import { pythonRepr } from "./python-repr.ts";
import { isJsonObject, type JsonObject } from "./types.ts";

interface UserRules {
  /** Highest priority first, per kind. */
  readonly custom: Record<PushKind, PushRule[]>;
  /** Keyed by ruleKey(): a base rule whose actions the user changed. */
  readonly baseActions: Map<string, readonly PushAction[]>;
  readonly enabled: Map<string, boolean>;
}

export interface RulePlacement {
  before?: string | undefined;
  after?: string | undefined;
}

/** Synapse's SynapseError(400) default code. */
const invalid = (message: string): MatrixError => new MatrixError(400, "M_UNKNOWN", message);

export function parseKind(kind: string): PushKind {
  if (!(PUSH_KINDS as readonly string[]).includes(kind)) throw invalid(`Unknown template: ${kind}`);
  return kind as PushKind;
}

export class PushRuleStore {
  private readonly users = new Map<string, UserRules>();

  /** Every rule in evaluation order, with whether it is enabled. */
  *rulesInOrder(userId: string): Generator<{ rule: PushRule; enabled: boolean }> {
    const user = this.users.get(userId);
    const custom = (kind: PushKind): readonly PushRule[] => user?.custom[kind] ?? [];
    const chain = [
      BASE_PREPEND_OVERRIDE,
      custom("override"),
      BASE_APPEND_OVERRIDE,
      custom("content"),
      BASE_APPEND_CONTENT,
      custom("room"),
      custom("sender"),
      custom("underride"),
      BASE_APPEND_UNDERRIDE,
    ];
    for (const rules of chain) {
      for (const rule of rules) {
        const key = ruleKey(rule.kind, rule.ruleId);
        const actions = rule.isDefault ? user?.baseActions.get(key) : undefined;
        yield { rule: actions ? { ...rule, actions } : rule, enabled: user?.enabled.get(key) ?? rule.enabledByDefault };
      }
    }
  }

  /** GET /pushrules/ */
  clientRules(userId: string): JsonObject {
    const global: Record<string, JsonObject[]> = Object.fromEntries(PUSH_KINDS.map((kind) => [kind, []]));
    for (const { rule, enabled } of this.rulesInOrder(userId)) {
      const formatted = toClientRule(rule, enabled, userId);
      if (formatted) global[rule.kind]?.push(formatted);
    }
    return { global, device: {} };
  }

  /** PUT /pushrules/global/{kind}/{ruleId}: adds or replaces a user rule. */
  add(userId: string, kind: PushKind, ruleId: string, body: unknown, placement: RulePlacement): void {
    if (ruleId.includes("/") || ruleId.includes("\\")) throw invalid("rule_id may not contain slashes");
    if (ruleId.startsWith(".")) throw invalid("cannot add new rule_ids that start with '.'");
    const request = isJsonObject(body) ? body : {};
    const conditions = conditionsOf(kind, ruleId, request);
    const actions = checkActions(request["actions"], "No actions found");
    const rule: PushRule = { kind, ruleId, conditions, actions, isDefault: false, enabledByDefault: true };
    const user = this.user(userId);
    const list = user.custom[kind].filter((existing) => existing.ruleId !== ruleId);
    const anchorId = placement.before ?? placement.after;
    let at = 0;
    if (anchorId !== undefined) {
      const anchor = list.findIndex((existing) => existing.ruleId === anchorId);
      if (anchor < 0) throw invalid(`before/after rule not found: global/${kind}/${anchorId}`);
      at = placement.before !== undefined ? anchor : anchor + 1;
    }
    list.splice(at, 0, rule);
    user.custom[kind] = list;
    user.enabled.set(ruleKey(kind, ruleId), true);
  }

  /** DELETE: a user rule, or a base rule's changed actions. */
  delete(userId: string, kind: PushKind, ruleId: string): void {
    const user = this.users.get(userId);
    const key = ruleKey(kind, ruleId);
    if (user?.baseActions.delete(key)) return;
    const list = user?.custom[kind] ?? [];
    const index = list.findIndex((rule) => rule.ruleId === ruleId);
    if (!user || index < 0) throw notFound("Not found");
    list.splice(index, 1);
    user.enabled.delete(key);
  }

  /** PUT …/enabled or …/actions (a bare value or an object carrying it). */
  setAttribute(userId: string, kind: PushKind, ruleId: string, attribute: string, body: unknown): void {
    if (attribute !== "enabled" && attribute !== "actions") throw new MatrixError(400, "M_UNRECOGNIZED", "Unrecognized request");
    const key = ruleKey(kind, ruleId);
    const isBase = ruleId.startsWith(".");
    if (isBase ? !baseRule(kind, ruleId) : !this.users.get(userId)?.custom[kind].some((rule) => rule.ruleId === ruleId)) {
      throw notFound("Unknown rule");
    }
    const user = this.user(userId);
    if (attribute === "enabled") {
      const value = isJsonObject(body) && "enabled" in body ? body["enabled"] : body;
      if (typeof value !== "boolean") throw invalid("Value for 'enabled' must be boolean");
      user.enabled.set(key, value);
      return;
    }
    if (!isJsonObject(body)) throw invalid("Value must be a dict");
    if (!Array.isArray(body["actions"])) throw invalid("Value for 'actions' must be dict");
    const actions = checkActions(body["actions"], "No actions found", "Invalid actions: ");
    if (isBase) user.baseActions.set(key, actions);
    else user.custom[kind] = user.custom[kind].map((rule) => (rule.ruleId === ruleId ? { ...rule, actions } : rule));
  }

  private user(userId: string): UserRules {
    let user = this.users.get(userId);
    if (!user) {
      user = { custom: { override: [], content: [], room: [], sender: [], underride: [] }, baseActions: new Map(), enabled: new Map() };
      this.users.set(userId, user);
    }
    return user;
  }
}

/**
 * Synapse's _rule_tuple_from_request_object. Its sender rules match the key `user_id`, which
 * events do not have, so in 1.67 a sender rule never applies.
 */
function conditionsOf(kind: PushKind, ruleId: string, request: JsonObject): JsonObject[] {
  switch (kind) {
    case "override":
    case "underride": {
      const conditions = request["conditions"];
      if (conditions === undefined) throw invalid("Missing 'conditions'");
      if (!Array.isArray(conditions) || !conditions.every((c) => isJsonObject(c) && "kind" in c)) throw invalid("Condition without 'kind'");
      return structuredClone(conditions as JsonObject[]);
    }
    case "room":
      return [{ kind: "event_match", key: "room_id", pattern: ruleId }];
    case "sender":
      return [{ kind: "event_match", key: "user_id", pattern: ruleId }];
    case "content":
      if (!("pattern" in request)) throw invalid("Content rule missing 'pattern'");
      return [{ kind: "event_match", key: "content.body", pattern: request["pattern"] }];
  }
}

function checkActions(actions: unknown, missing: string, prefix = ""): PushAction[] {
  if (!Array.isArray(actions)) throw invalid(prefix + missing);
  for (const action of actions) {
    const known = action === "notify" || action === "dont_notify" || action === "coalesce";
    if (!known && !(isJsonObject(action) && "set_tweak" in action)) throw invalid(`${prefix}Unrecognised action ${typeof action === "string" ? action : pythonRepr(action)}`);
  }
  return structuredClone(actions as PushAction[]);
}
