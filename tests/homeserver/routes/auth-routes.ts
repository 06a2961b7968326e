// Versions, registration (with User-Interactive Authentication), login, logout, whoami
// (spec: registration.yaml, login.yaml, logout.yaml, whoami.yaml, versions.yaml).
import { CLIENT, optionalString, type RequestContext, type Routes } from "../context.ts";
import { MatrixError, badJson, forbidden, missingParam } from "../errors.ts";
import { json, type Reply } from "../http.ts";
import { isJsonObject } from "../types.ts";

const SPEC_VERSIONS = ["r0.6.1", "v1.1", "v1.2", "v1.3", "v1.4", "v1.5", "v1.6", "v1.7", "v1.8", "v1.9", "v1.10", "v1.11", "v1.12"];

export function addAuthRoutes(routes: Routes): void {
  routes.add("GET", "/_matrix/client/versions", () => json({ versions: SPEC_VERSIONS, unstable_features: {} }));
  routes.add("GET", `${CLIENT}/login`, () => json({ flows: [{ type: "m.login.password" }] }));
  routes.add("POST", `${CLIENT}/login`, login);
  routes.add("POST", `${CLIENT}/logout`, (ctx) => {
    ctx.core.accounts.logout(ctx.session());
    return json({});
  });
  routes.add("POST", `${CLIENT}/logout/all`, (ctx) => {
    ctx.core.accounts.logoutAll(ctx.session().userId);
    return json({});
  });
  routes.add("POST", `${CLIENT}/register`, register);
  routes.add("GET", `${CLIENT}/register/available`, (ctx) => {
    const username = ctx.query.get("username");
    if (!username) throw missingParam("Missing username");
    if (ctx.core.accounts.get(ctx.core.accounts.userIdFor(username))) {
      throw new MatrixError(400, "M_USER_IN_USE", "User ID already taken.");
    }
    return json({ available: true });
  });
  routes.add("GET", `${CLIENT}/account/whoami`, (ctx) => {
    const session = ctx.session();
    return json({ user_id: session.userId, device_id: session.deviceId, is_guest: false });
  });
}

/** The user a login names: `identifier` (m.id.user) or the deprecated top-level `user`. */
function loginUser(ctx: RequestContext, body: Record<string, unknown>): string {
  const identifier = body["identifier"];
  let user: unknown = body["user"];
  if (isJsonObject(identifier)) {
    if (identifier["type"] !== "m.id.user") throw new MatrixError(400, "M_UNKNOWN", "Unknown identifier type");
    user = identifier["user"];
  }
  if (typeof user !== "string") throw missingParam("Missing identifier.user");
  const lower = user.toLowerCase();
  return lower.startsWith("@") ? lower : ctx.core.accounts.userIdFor(lower);
}

function login(ctx: RequestContext): Reply {
  const body = ctx.jsonBody();
  if (body["type"] !== "m.login.password") throw new MatrixError(400, "M_UNKNOWN", "Unknown login type");
  const userId = loginUser(ctx, body);
  const account = ctx.core.accounts.get(userId);
  if (!account || body["password"] !== account.password) throw forbidden("Invalid username or password");
  const session = ctx.core.accounts.openSession(
    account,
    optionalString(body, "device_id"),
    optionalString(body, "initial_device_display_name"),
  );
  return json({
    user_id: session.userId,
    access_token: session.token,
    device_id: session.deviceId,
    home_server: ctx.core.serverName,
  });
}

/**
 * Spec "User-Interactive Authentication API": a call without `auth` gets 401 with the flows (one
 * dummy stage) and a session; the same call with `auth: {type: "m.login.dummy"}` registers.
 */
function register(ctx: RequestContext): Reply {
  const { accounts } = ctx.core;
  if (ctx.query.get("kind") === "guest") throw new MatrixError(403, "M_GUEST_ACCESS_FORBIDDEN", "Guest access is disabled");
  const body = ctx.jsonBody();
  const username = optionalString(body, "username")?.toLowerCase();
  if (username !== undefined && accounts.get(accounts.userIdFor(username))) {
    throw new MatrixError(400, "M_USER_IN_USE", "User ID already taken.");
  }
  const auth = body["auth"];
  if (!isJsonObject(auth)) {
    return { status: 401, json: { flows: [{ stages: ["m.login.dummy"] }], params: {}, session: accounts.startUia() } };
  }
  if (auth["type"] !== "m.login.dummy") throw new MatrixError(400, "M_UNRECOGNIZED", "Unrecognised auth type");
  const uiaSession = auth["session"];
  if (uiaSession !== undefined && (typeof uiaSession !== "string" || !accounts.hasUia(uiaSession))) {
    throw new MatrixError(400, "M_UNKNOWN", "Unknown session ID");
  }
  const password = body["password"];
  if (password === undefined) throw missingParam("Missing params: password");
  if (typeof password !== "string") throw badJson("password must be a string");
  const account = accounts.register(username ?? accounts.generatedLocalpart(), password);
  if (typeof uiaSession === "string") accounts.endUia(uiaSession);
  if (body["inhibit_login"] === true) return json({ user_id: account.userId, home_server: ctx.core.serverName });
  const session = accounts.openSession(
    account,
    optionalString(body, "device_id"),
    optionalString(body, "initial_device_display_name"),
  );
  return json({
    user_id: account.userId,
    access_token: session.token,
    device_id: session.deviceId,
    home_server: ctx.core.serverName,
  });
}
