// Push rules and notifications (spec: pushrules.yaml, notifications.yaml), with Synapse 1.67's
// paths and errors (synapse/rest/client/push_rule.py, notifications.py).
import { CLIENT, type RequestContext, type Routes } from "../context.ts";
import { MatrixError, notFound, notJson } from "../errors.ts";
import { json } from "../http.ts";
import { parseKind } from "../push-rule-store.ts";
import { PUSH_KINDS } from "../push-rules.ts";
import type { JsonObject } from "../types.ts";

const PUSHRULES = `${CLIENT}/pushrules`;
const unrecognized = (): MatrixError => new MatrixError(400, "M_UNRECOGNIZED", "Unrecognized request");

export function addPushRoutes(routes: Routes): void {
  for (const path of [`${PUSHRULES}/`, PUSHRULES]) {
    routes.add("GET", path, (ctx) => json(ctx.core.pushRules.clientRules(ctx.session().userId)));
  }
  routes.add("GET", `${PUSHRULES}/global/`, (ctx) => json(globalRules(ctx)));
  routes.add("GET", `${PUSHRULES}/global/:kind/`, (ctx) => json(kindRules(ctx)));
  routes.add("GET", `${PUSHRULES}/global/:kind/:ruleId`, (ctx) => json(findRule(ctx)));
  routes.add("GET", `${PUSHRULES}/global/:kind/:ruleId/:attribute`, (ctx) => {
    const rule = findRule(ctx);
    const attribute = ctx.param("attribute");
    if (!(attribute in rule)) throw unrecognized();
    return json({ [attribute]: rule[attribute] });
  });
  routes.add("PUT", `${PUSHRULES}/global/:kind/:ruleId`, (ctx) => {
    const { userId } = ctx.session();
    const placement = { before: ctx.query.get("before") ?? undefined, after: ctx.query.get("after") ?? undefined };
    ctx.core.pushRules.add(userId, parseKind(ctx.param("kind")), ctx.param("ruleId"), jsonValue(ctx), placement);
    return json({});
  });
  routes.add("PUT", `${PUSHRULES}/global/:kind/:ruleId/:attribute`, (ctx) => {
    const { userId } = ctx.session();
    ctx.core.pushRules.setAttribute(userId, parseKind(ctx.param("kind")), ctx.param("ruleId"), ctx.param("attribute"), jsonValue(ctx));
    return json({});
  });
  routes.add("DELETE", `${PUSHRULES}/global/:kind/:ruleId`, (ctx) => {
    const { userId } = ctx.session();
    ctx.core.pushRules.delete(userId, parseKind(ctx.param("kind")), ctx.param("ruleId"));
    return json({});
  });

  routes.add("GET", `${CLIENT}/notifications`, (ctx) => {
    const { userId } = ctx.session();
    const from = ctx.query.get("from") ?? undefined;
    const limit = ctx.integerQuery("limit", 50);
    return json(ctx.core.notifications.page(userId, { from, limit, onlyHighlight: ctx.query.get("only") === "highlight" }));
  });
}

function globalRules(ctx: RequestContext): Record<string, JsonObject[]> {
  return ctx.core.pushRules.clientRules(ctx.session().userId)["global"] as Record<string, JsonObject[]>;
}

function kindRules(ctx: RequestContext): JsonObject[] {
  const kind = ctx.param("kind");
  if (!(PUSH_KINDS as readonly string[]).includes(kind)) throw unrecognized();
  return globalRules(ctx)[kind] ?? [];
}

function findRule(ctx: RequestContext): JsonObject {
  const rule = kindRules(ctx).find((candidate) => candidate["rule_id"] === ctx.param("ruleId"));
  if (!rule) throw notFound("Not found");
  return rule;
}

/** Synapse parses these bodies as any JSON value (`PUT …/enabled` accepts a bare `true`). */
function jsonValue(ctx: RequestContext): unknown {
  try {
    return JSON.parse(ctx.body.toString("utf8"));
  } catch {
    throw notJson("Content not JSON.");
  }
}
