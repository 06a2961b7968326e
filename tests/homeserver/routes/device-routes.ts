// Devices, end-to-end keys, to-device messages and VoIP: minimal answers for SDKs that call
// them at start-up (Minou does not do end-to-end encryption).
import { CLIENT, type Routes } from "../context.ts";
import { notFound } from "../errors.ts";
import { json } from "../http.ts";
import type { JsonObject } from "../types.ts";

export function addDeviceRoutes(routes: Routes): void {
  routes.add("GET", `${CLIENT}/devices`, (ctx) => {
    const account = ctx.core.accounts.require(ctx.session().userId);
    const devices = [...account.devices.values()].map((device) => {
      const out: JsonObject = { device_id: device.deviceId, last_seen_ts: device.createdTs };
      if (device.displayName !== undefined) out["display_name"] = device.displayName;
      return out;
    });
    return json({ devices });
  });
  routes.add("GET", `${CLIENT}/devices/:deviceId`, (ctx) => {
    const device = ctx.core.accounts.require(ctx.session().userId).devices.get(ctx.param("deviceId"));
    if (!device) throw notFound("Device not found");
    return json({ device_id: device.deviceId, display_name: device.displayName, last_seen_ts: device.createdTs });
  });
  routes.add("PUT", `${CLIENT}/devices/:deviceId`, (ctx) => {
    const device = ctx.core.accounts.require(ctx.session().userId).devices.get(ctx.param("deviceId"));
    if (!device) throw notFound("Device not found");
    const name = ctx.jsonBody()["display_name"];
    if (typeof name === "string") device.displayName = name;
    return json({});
  });
  routes.add("POST", `${CLIENT}/keys/upload`, (ctx) => {
    ctx.session();
    return json({ one_time_key_counts: { signed_curve25519: 0 } });
  });
  routes.add("POST", `${CLIENT}/keys/query`, (ctx) => {
    ctx.session();
    const requested = ctx.jsonBody()["device_keys"];
    const deviceKeys = Object.fromEntries(Object.keys(typeof requested === "object" && requested ? requested : {}).map((u) => [u, {}]));
    return json({ device_keys: deviceKeys, failures: {}, master_keys: {}, self_signing_keys: {}, user_signing_keys: {} });
  });
  routes.add("POST", `${CLIENT}/keys/claim`, (ctx) => {
    ctx.session();
    return json({ one_time_keys: {}, failures: {} });
  });
  routes.add("GET", `${CLIENT}/keys/changes`, (ctx) => {
    ctx.session();
    return json({ changed: [], left: [] });
  });
  routes.add("PUT", `${CLIENT}/sendToDevice/:type/:txnId`, (ctx) => {
    ctx.session();
    return json({});
  });
  // Synapse without TURN configured answers an empty object.
  routes.add("GET", `${CLIENT}/voip/turnServer`, (ctx) => {
    ctx.session();
    return json({});
  });
}
