// End-to-end encryption endpoints (spec: "End-to-End Encryption" module), as Synapse 1.67 serves
// them (synapse/rest/client/keys.py, sendtodevice.py, room_keys.py). The stores behind them are
// e2e-keys.ts, cross-signing.ts, device-lists.ts, to-device.ts and uia.ts.
import { CLIENT, type RequestContext, type Routes } from "../context.ts";
import type { CrossSigningKeyType } from "../cross-signing.ts";
import { MatrixError, badJson, missingParam } from "../errors.ts";
import { json, type Reply } from "../http.ts";
import { requireUserId, serverNameOf } from "../ids.ts";
import { parseStreamToken } from "../sync.ts";
import { isJsonObject, type JsonObject } from "../types.ts";

/** What Synapse reports for a server it cannot reach; this server has no federation at all. */
const NO_FEDERATION = { status: 503, message: "Not ready for retry" };

export function addKeysRoutes(routes: Routes): void {
  routes.add("POST", `${CLIENT}/keys/upload`, uploadKeys);
  // Deprecated form with the device in the path: Synapse only logs a mismatch and uses the session's device.
  routes.add("POST", `${CLIENT}/keys/upload/:deviceId`, uploadKeys);
  routes.add("POST", `${CLIENT}/keys/query`, queryKeys);
  routes.add("POST", `${CLIENT}/keys/claim`, claimKeys);
  routes.add("GET", `${CLIENT}/keys/changes`, keyChanges);
  routes.add("POST", `${CLIENT}/keys/device_signing/upload`, uploadSigningKeys);
  routes.add("POST", `${CLIENT}/keys/signatures/upload`, (ctx) => {
    const session = ctx.session();
    return json(ctx.core.crossSigning.uploadSignatures(session.userId, ctx.jsonBody()));
  });
  routes.add("PUT", `${CLIENT}/sendToDevice/:type/:txnId`, (ctx) => {
    const session = ctx.session();
    ctx.core.toDevice.send(session, ctx.param("type"), ctx.param("txnId"), ctx.jsonBody());
    return json({});
  });
  // No server-side key backup is modelled: Synapse answers this when the user has none.
  routes.add("GET", `${CLIENT}/room_keys/version`, (ctx) => {
    ctx.session();
    throw new MatrixError(404, "M_NOT_FOUND", "No backup found");
  });
}

function uploadKeys(ctx: RequestContext): Reply {
  const session = ctx.session();
  const { e2eKeys } = ctx.core;
  e2eKeys.upload(session.userId, session.deviceId, ctx.jsonBody());
  return json({ one_time_key_counts: e2eKeys.oneTimeKeyCounts(session.userId, session.deviceId) });
}

/**
 * POST /keys/query. An empty device list means all the user's devices; unknown users and
 * devices are simply absent. Cross-signing keys come for every queried user who has them,
 * the user-signing key only for the requester's own user (Synapse: get_cross_signing_keys_from_cache).
 */
function queryKeys(ctx: RequestContext): Reply {
  const session = ctx.session();
  const { accounts, crossSigning, serverName } = ctx.core;
  const query = ctx.jsonBody()["device_keys"];
  if (!isJsonObject(query)) throw badJson("'device_keys' must be a JSON object");
  const lists = Object.values(query);
  if (!lists.every((ids) => Array.isArray(ids) && ids.every((id) => typeof id === "string"))) {
    throw badJson("'device_keys' values must be a list of strings");
  }
  const deviceKeys: Record<string, JsonObject> = {};
  const failures: JsonObject = {};
  const crossSigningKeys: Record<CrossSigningKeyType, JsonObject> = { master: {}, self_signing: {}, user_signing: {} };
  for (const [userId, ids] of Object.entries(query) as Array<[string, string[]]>) {
    requireUserId(userId);
    if (serverNameOf(userId) !== serverName) {
      failures[serverNameOf(userId)] = NO_FEDERATION;
      continue;
    }
    const devices = accounts.get(userId)?.devices;
    const result: JsonObject = {};
    for (const deviceId of ids.length === 0 ? devices?.keys() ?? [] : ids) {
      const device = devices?.get(deviceId);
      const keys = device && crossSigning.signedDeviceKeys(userId, deviceId);
      if (!keys) continue;
      // Synapse always adds `unsigned`, with the display name when the device has one.
      keys["unsigned"] = device.displayName === undefined ? {} : { device_display_name: device.displayName };
      result[deviceId] = keys;
    }
    deviceKeys[userId] = result;
    for (const type of ["master", "self_signing"] as const) {
      const key = crossSigning.key(userId, type, session.userId);
      if (key) crossSigningKeys[type][userId] = key;
    }
    if (userId === session.userId) {
      const key = crossSigning.key(userId, "user_signing", session.userId);
      if (key) crossSigningKeys.user_signing[userId] = key;
    }
  }
  return json({
    device_keys: deviceKeys,
    failures,
    master_keys: crossSigningKeys.master,
    self_signing_keys: crossSigningKeys.self_signing,
    user_signing_keys: crossSigningKeys.user_signing,
  });
}

/** POST /keys/claim: `{user: {device: algorithm}}` → one key per device (e2e-keys.ts claim). */
function claimKeys(ctx: RequestContext): Reply {
  ctx.session();
  const { e2eKeys, serverName } = ctx.core;
  const query = ctx.jsonBody()["one_time_keys"] ?? {};
  if (!isJsonObject(query)) throw badJson("one_time_keys must be an object");
  const oneTimeKeys: Record<string, Record<string, JsonObject>> = {};
  const failures: JsonObject = {};
  for (const [userId, devices] of Object.entries(query)) {
    requireUserId(userId);
    if (serverNameOf(userId) !== serverName) {
      failures[serverNameOf(userId)] = NO_FEDERATION;
      continue;
    }
    if (!isJsonObject(devices)) throw badJson("one_time_keys must map users to objects");
    for (const [deviceId, algorithm] of Object.entries(devices)) {
      if (typeof algorithm !== "string") throw badJson("one_time_keys must map devices to algorithms");
      const claimed = e2eKeys.claim(userId, deviceId, algorithm);
      if (claimed) (oneTimeKeys[userId] ??= {})[deviceId] = { [claimed.keyId]: claimed.key };
    }
  }
  return json({ one_time_keys: oneTimeKeys, failures });
}

/** GET /keys/changes?from=…&to=…; Synapse requires `from` and ignores `to`. */
function keyChanges(ctx: RequestContext): Reply {
  const session = ctx.session();
  const from = ctx.query.get("from");
  if (from === null) throw missingParam("Missing string query parameter 'from'");
  const position = parseStreamToken(from);
  if (position === undefined) throw new MatrixError(400, "M_UNKNOWN", "Invalid stream token");
  return json(ctx.core.deviceLists.changesSince(session.userId, position));
}

/**
 * POST /keys/device_signing/upload behind password user-interactive auth (Synapse's
 * SigningKeyUploadServlet: `can_skip_ui_auth=True`, which never skips with the default
 * ui_auth.session_timeout of 0).
 */
function uploadSigningKeys(ctx: RequestContext): Reply {
  const session = ctx.session();
  const outcome = ctx.core.uia.validate(session, "POST", "/keys/device_signing/upload", ctx.jsonBody());
  if ("challenge" in outcome) return outcome.challenge;
  ctx.core.crossSigning.uploadSigningKeys(session.userId, outcome.params);
  return json({});
}
