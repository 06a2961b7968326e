// GET /sync with long-polling (spec: sync.yaml).
import { CLIENT, type Routes } from "../context.ts";
import { invalidParam } from "../errors.ts";
import { resolveSyncFilter } from "../filters.ts";
import { json } from "../http.ts";
import { deviceKey } from "../accounts.ts";
import { buildSync, parseSyncToken } from "../sync.ts";

export function addSyncRoutes(routes: Routes): void {
  routes.add("GET", `${CLIENT}/sync`, async (ctx) => {
    const session = ctx.session();
    const { accounts, stream } = ctx.core;
    const account = accounts.require(session.userId);
    const sinceParam = ctx.query.get("since");
    const token = sinceParam === null || sinceParam === "" ? undefined : parseSyncToken(sinceParam);
    if (sinceParam && token === undefined) throw invalidParam("Invalid since token");
    const since = token?.position;
    const sinceToDevice = token?.toDevice;
    // Synapse: a sync with `since` proves the device got the to-device messages up to it.
    if (sinceToDevice !== undefined) ctx.core.toDevice.acknowledge(session, sinceToDevice);
    const fullState = ctx.query.get("full_state") === "true";
    const filter = resolveSyncFilter(ctx.query.get("filter"), accounts, account);
    const timeout = ctx.integerQuery("timeout", 0);
    // Spec: syncing marks the user online unless set_presence says otherwise.
    const setPresence = ctx.query.get("set_presence") ?? "online";
    account.presence = { ...account.presence, presence: setPresence, lastActive: Date.now() };
    // Spec: with full_state the timeout is ignored; an initial sync always has something to say.
    // Messages left over from a capped to-device batch are news already.
    const leftOver = sinceToDevice !== undefined && ctx.core.toDevice.hasPendingAfter(session, sinceToDevice);
    if (since !== undefined && !fullState && !leftOver) {
      await stream.waitFor(session.userId, since, timeout, ctx.closed, deviceKey(session));
    }
    return json(buildSync(ctx.core, { session, since, sinceToDevice, fullState, filter }));
  });
}
