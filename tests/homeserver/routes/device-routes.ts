// Devices (spec: "Device Management") and VoIP. The end-to-end keys endpoints are in keys-routes.ts.
import { CLIENT, type Routes } from "../context.ts";
import { MatrixError, notFound } from "../errors.ts";
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
    const session = ctx.session();
    const device = ctx.core.accounts.require(session.userId).devices.get(ctx.param("deviceId"));
    if (!device) throw notFound("Device not found");
    const name = ctx.jsonBody()["display_name"];
    if (typeof name === "string") device.displayName = name;
    // Synapse's update_device notifies a device-list change (the display name is in /keys/query).
    ctx.core.accounts.onDeviceChange(session.userId, device.deviceId, "renamed");
    return json({});
  });
  /**
   * Synapse's DeviceRestServlet.on_DELETE: password user-interactive auth (never skipped with the
   * default ui_auth.session_timeout), then the device, its tokens and its keys go; an unknown
   * device still answers 200. A body that is not JSON counts as an empty one.
   */
  routes.add("DELETE", `${CLIENT}/devices/:deviceId`, (ctx) => {
    const session = ctx.session();
    let body: JsonObject = {};
    try {
      body = ctx.jsonBody(true);
    } catch (error) {
      if (!(error instanceof MatrixError && error.errcode === "M_NOT_JSON")) throw error;
    }
    const outcome = ctx.core.uia.validate(session, "DELETE", `/devices/${ctx.param("deviceId")}`, body);
    if ("challenge" in outcome) return outcome.challenge;
    ctx.core.accounts.deleteDevice(session.userId, ctx.param("deviceId"));
    return json({});
  });
  // Synapse without TURN configured answers an empty object.
  routes.add("GET", `${CLIENT}/voip/turnServer`, (ctx) => {
    ctx.session();
    return json({});
  });
}
