// Profile, account data, filters, presence and capabilities (spec: profile.yaml,
// account-data.yaml, filter.yaml, presence.yaml, capabilities.yaml).
import { CLIENT, type RequestContext, type Routes } from "../context.ts";
import { SUPPORTED_ROOM_VERSIONS, DEFAULT_ROOM_VERSION } from "../core.ts";
import { MatrixError, badJson, forbidden, notFound } from "../errors.ts";
import { parseSyncFilter } from "../filters.ts";
import { json, type Reply } from "../http.ts";
import { propagateProfile } from "../membership.ts";
import type { JsonObject } from "../types.ts";
import { requireEncodable } from "../unencodable.ts";

const PROFILE_FIELDS = { displayname: "displayname", avatar_url: "avatarUrl" } as const;

export function addUserRoutes(routes: Routes): void {
  routes.add("GET", `${CLIENT}/profile/:userId`, (ctx) => {
    const account = ctx.core.accounts.require(ctx.param("userId"));
    const profile: JsonObject = {};
    if (account.displayname !== undefined) profile["displayname"] = account.displayname;
    if (account.avatarUrl !== undefined) profile["avatar_url"] = account.avatarUrl;
    return json(profile);
  });
  for (const field of ["displayname", "avatar_url"] as const) {
    routes.add("GET", `${CLIENT}/profile/:userId/${field}`, (ctx) => {
      const value = ctx.core.accounts.require(ctx.param("userId"))[PROFILE_FIELDS[field]];
      return json(value === undefined ? {} : { [field]: value });
    });
    routes.add("PUT", `${CLIENT}/profile/:userId/${field}`, (ctx) => setProfileField(ctx, field));
  }

  routes.add("GET", `${CLIENT}/user/:userId/account_data/:type`, (ctx) => getAccountData(ctx, undefined));
  routes.add("PUT", `${CLIENT}/user/:userId/account_data/:type`, (ctx) => putAccountData(ctx, undefined));
  routes.add("GET", `${CLIENT}/user/:userId/rooms/:roomId/account_data/:type`, (ctx) => getAccountData(ctx, ctx.param("roomId")));
  routes.add("PUT", `${CLIENT}/user/:userId/rooms/:roomId/account_data/:type`, (ctx) => putAccountData(ctx, ctx.param("roomId")));

  routes.add("POST", `${CLIENT}/user/:userId/filter`, (ctx) => {
    const account = ctx.core.accounts.requireSelf(ctx.session(), ctx.param("userId"), "create filters");
    const filter = ctx.jsonBody();
    parseSyncFilter(filter);
    // Synapse stores it as canonical JSON: 500 for a lone surrogate (unencodable.ts).
    requireEncodable(filter);
    return json({ filter_id: ctx.core.accounts.addFilter(account, filter) });
  });
  routes.add("GET", `${CLIENT}/user/:userId/filter/:filterId`, (ctx) => {
    const account = ctx.core.accounts.requireSelf(ctx.session(), ctx.param("userId"), "read filters");
    const filter = ctx.core.accounts.filter(account, ctx.param("filterId"));
    if (!filter) throw notFound("No such filter");
    return json(filter);
  });

  routes.add("PUT", `${CLIENT}/presence/:userId/status`, (ctx) => {
    const account = ctx.core.accounts.requireSelf(ctx.session(), ctx.param("userId"), "set presence");
    const body = ctx.jsonBody();
    const presence = body["presence"];
    if (presence !== "online" && presence !== "offline" && presence !== "unavailable") {
      throw badJson("presence must be online, offline or unavailable");
    }
    const statusMsg = typeof body["status_msg"] === "string" ? body["status_msg"] : undefined;
    account.presence = { presence, statusMsg, lastActive: Date.now() };
    return json({});
  });
  routes.add("GET", `${CLIENT}/presence/:userId/status`, (ctx) => {
    ctx.session();
    const { presence } = ctx.core.accounts.require(ctx.param("userId"));
    const body: JsonObject = { presence: presence.presence, last_active_ago: Date.now() - presence.lastActive };
    if (presence.statusMsg !== undefined) body["status_msg"] = presence.statusMsg;
    return json(body);
  });

  routes.add("GET", `${CLIENT}/capabilities`, (ctx) => {
    ctx.session();
    const available = Object.fromEntries(SUPPORTED_ROOM_VERSIONS.map((version) => [version, "stable"]));
    return json({
      capabilities: {
        "m.change_password": { enabled: false },
        "m.room_versions": { default: DEFAULT_ROOM_VERSION, available },
        "m.set_displayname": { enabled: true },
        "m.set_avatar_url": { enabled: true },
        "m.3pid_changes": { enabled: false },
      },
    });
  });
}

function setProfileField(ctx: RequestContext, field: "displayname" | "avatar_url"): Reply {
  const account = ctx.core.accounts.requireSelf(ctx.session(), ctx.param("userId"), "set the profile");
  const value = ctx.jsonBody()[field];
  if (value !== undefined && value !== null && typeof value !== "string") throw badJson(`${field} must be a string`);
  if (typeof value === "string" && value.length > 256) throw badJson(`${field} is too long`);
  // Synapse's database refuses it: 500, the profile unchanged (unencodable.ts).
  requireEncodable(value);
  account[PROFILE_FIELDS[field]] = typeof value === "string" && value !== "" ? value : undefined;
  // Synapse's _update_join_states: one rc_message action after the profile is stored; when refused,
  // the answer is 429 with the new profile kept and the rooms' member events left as they were.
  ctx.core.rateLimits.message(account.userId);
  propagateProfile(ctx.core, account.userId);
  return json({});
}

/** Spec: these types are managed by the server and cannot be set through account data (405). */
const SERVER_MANAGED_TYPES = new Set(["m.fully_read", "m.push_rules"]);

function getAccountData(ctx: RequestContext, roomId: string | undefined): Reply {
  ctx.core.accounts.requireSelf(ctx.session(), ctx.param("userId"), "read account data");
  const content = ctx.core.accounts.getAccountData(ctx.param("userId"), roomId, ctx.param("type"));
  if (!content) throw notFound("Account data not found");
  return json(content);
}

function putAccountData(ctx: RequestContext, roomId: string | undefined): Reply {
  const session = ctx.session();
  if (session.userId !== ctx.param("userId")) throw forbidden("Cannot add account data for other users.");
  const type = ctx.param("type");
  if (SERVER_MANAGED_TYPES.has(type)) throw new MatrixError(405, "M_BAD_JSON", `Cannot set ${type} through this API.`);
  if (roomId !== undefined && !/^!.+:.+$/.test(roomId)) throw new MatrixError(400, "M_INVALID_PARAM", `${roomId} is not a room ID`);
  ctx.core.accounts.setAccountData(session.userId, roomId, type, ctx.jsonBody());
  return json({});
}
