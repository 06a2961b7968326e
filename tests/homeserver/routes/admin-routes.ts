// Synapse's admin API, the part tests need: per-user rate-limit overrides
// (synapse/rest/admin/users.py RateLimitRestServlet, 1.67). Only server admins may call it.
import type { Account } from "../accounts.ts";
import type { RequestContext, Routes } from "../context.ts";
import { MatrixError, forbidden, notFound } from "../errors.ts";
import { json } from "../http.ts";
import { serverNameOf } from "../ids.ts";
import { pythonRepr } from "../python-repr.ts";

const ADMIN_V1 = "/_synapse/admin/v1";

export function addAdminRoutes(routes: Routes): void {
  const path = `${ADMIN_V1}/users/:userId/override_ratelimit`;
  routes.add("GET", path, (ctx) => {
    const target = adminTarget(ctx, "Can only look up local users");
    const override = ctx.core.rateLimits.override(target.userId);
    return json(override ? { messages_per_second: override.messagesPerSecond, burst_count: override.burstCount } : {});
  });
  routes.add("POST", path, (ctx) => {
    const target = adminTarget(ctx, "Only local users can be ratelimited");
    const body = ctx.jsonBody(true);
    const messagesPerSecond = positiveInt(body["messages_per_second"] ?? 0);
    const burstCount = positiveInt(body["burst_count"] ?? 0);
    ctx.core.rateLimits.setOverride(target.userId, { messagesPerSecond, burstCount });
    return json({ messages_per_second: messagesPerSecond, burst_count: burstCount });
  });
  routes.add("DELETE", path, (ctx) => {
    const target = adminTarget(ctx, "Only local users can be ratelimited");
    ctx.core.rateLimits.setOverride(target.userId, undefined);
    return json({});
  });
}

/** assert_requester_is_admin, then the local user the path names (400 if remote, 404 if unknown). */
function adminTarget(ctx: RequestContext, notLocal: string): Account {
  const session = ctx.session();
  if (ctx.core.accounts.get(session.userId)?.admin !== true) throw forbidden("You are not a server admin");
  const userId = ctx.param("userId");
  if (serverNameOf(userId) !== ctx.core.serverName) throw new MatrixError(400, "M_UNKNOWN", notLocal);
  const account = ctx.core.accounts.get(userId);
  if (!account) throw notFound("User not found");
  return account;
}

/**
 * Synapse accepts only a Python int >= 0. JSON.parse cannot tell 1.0 from 1, so 1.0 passes here
 * where Synapse refuses it; booleans (Python ints) are refused here.
 */
function positiveInt(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new MatrixError(400, "M_INVALID_PARAM", `${pythonRepr(value)} parameter must be a positive int`);
  }
  return value;
}
