// Sending and reading events: send, state, redact, event, messages, context, relations (spec:
// room_send.yaml, room_state.yaml, rooms.yaml, redaction.yaml, message_pagination.yaml,
// event_context.yaml, relations.yaml).
import { deviceKey } from "../accounts.ts";
import { toClientEvent } from "../client-events.ts";
import { CLIENT, CLIENT_V1, type RequestContext, type Routes } from "../context.ts";
import { invalidParam, notFound } from "../errors.ts";
import { parseFilterParam } from "../filters.ts";
import { json, type Reply } from "../http.ts";
import { context, messages, readableEnd, relations, visibleEvent, type Direction, type Page } from "../pagination.ts";
import { stateMapKey } from "../room.ts";
import { roomFor } from "./room-routes.ts";

export function addEventRoutes(routes: Routes): void {
  routes.add("PUT", `${CLIENT}/rooms/:roomId/send/:eventType/:txnId`, (ctx) => {
    const session = ctx.session();
    const room = roomFor(ctx, session);
    const content = ctx.jsonBody();
    const txnId = ctx.param("txnId");
    const device = deviceKey(session);
    const key = ["send", device, room.roomId, ctx.param("eventType"), txnId].join("\u0000");
    // A resent transaction is answered before any rate limit (Synapse's HttpTransactionCache).
    const eventId = ctx.core.rooms.idempotent(key, () => {
      const limits = ctx.core.rateLimits;
      // create_and_send_nonmember_event checks rc_message up front, then counts the persisted event.
      limits.message(session.userId, false);
      const draft = { type: ctx.param("eventType"), sender: session.userId, content, txn: { deviceKey: device, txnId } };
      return ctx.core.rooms.send(room, draft, () => limits.message(session.userId)).eventId;
    });
    return json({ event_id: eventId });
  });

  routes.add("GET", `${CLIENT}/rooms/:roomId/state`, (ctx) => {
    const session = ctx.session();
    const room = roomFor(ctx, session);
    const state = room.stateBefore(readableEnd(room, session.userId));
    return json([...state.values()].map((event) => toClientEvent(room, event, deviceKey(session))));
  });
  // The state key may be empty: ".../state/m.room.name" and ".../state/m.room.name/" are the same.
  for (const suffix of [":eventType", ":eventType/:stateKey"]) {
    routes.add("GET", `${CLIENT}/rooms/:roomId/state/${suffix}`, getState);
    routes.add("PUT", `${CLIENT}/rooms/:roomId/state/${suffix}`, putState);
  }

  routes.add("PUT", `${CLIENT}/rooms/:roomId/redact/:eventId/:txnId`, (ctx) => {
    const session = ctx.session();
    const room = roomFor(ctx, session);
    const body = ctx.jsonBody(true);
    const txnId = ctx.param("txnId");
    const device = deviceKey(session);
    const key = ["redact", device, room.roomId, ctx.param("eventId"), txnId].join("\u0000");
    const eventId = ctx.core.rooms.idempotent(key, () => {
      const limits = ctx.core.rateLimits;
      limits.message(session.userId, false);
      const txn = { deviceKey: device, txnId };
      return ctx.core.rooms.redact(room, session.userId, ctx.param("eventId"), body, txn, () => limits.message(session.userId)).eventId;
    });
    return json({ event_id: eventId });
  });

  routes.add("GET", `${CLIENT}/rooms/:roomId/event/:eventId`, (ctx) => {
    const session = ctx.session();
    const room = roomFor(ctx, session);
    return json(toClientEvent(room, visibleEvent(room, session.userId, ctx.param("eventId")), deviceKey(session)));
  });
  routes.add("GET", `${CLIENT}/rooms/:roomId/context/:eventId`, (ctx) => {
    const session = ctx.session();
    const room = roomFor(ctx, session);
    const limit = ctx.integerQuery("limit", 10, 100);
    return json(context(room, session.userId, deviceKey(session), ctx.param("eventId"), limit));
  });
  routes.add("GET", `${CLIENT}/rooms/:roomId/messages`, (ctx) => {
    const session = ctx.session();
    const room = roomFor(ctx, session);
    // Synapse defaults `dir` to forwards; the spec makes it required.
    const page = pageOf(ctx, "f", 10);
    return json(messages(room, session.userId, deviceKey(session), page, parseFilterParam(ctx.query.get("filter"))));
  });

  const relationPaths = [":eventId", ":eventId/:relType", ":eventId/:relType/:eventType"];
  for (const suffix of relationPaths) {
    routes.add("GET", `${CLIENT_V1}/rooms/:roomId/relations/${suffix}`, (ctx) => {
      const session = ctx.session();
      const room = roomFor(ctx, session);
      const recurse = ctx.query.get("recurse") ?? ctx.query.get("org.matrix.msc3981.recurse");
      // Synapse's default page size for relations is 5.
      const page = pageOf(ctx, "b", 5);
      const query = {
        relType: ctx.params["relType"],
        eventType: ctx.params["eventType"],
        recurse: recurse === "true",
      };
      return json(relations(room, session.userId, deviceKey(session), ctx.param("eventId"), query, page));
    });
  }
}

function pageOf(ctx: RequestContext, defaultDir: Direction, defaultLimit: number): Page {
  const dir = ctx.query.get("dir") ?? defaultDir;
  if (dir !== "b" && dir !== "f") throw invalidParam("dir must be b or f");
  return {
    dir,
    limit: ctx.integerQuery("limit", defaultLimit, 1000),
    from: ctx.query.get("from") ?? undefined,
    to: ctx.query.get("to") ?? undefined,
  };
}

function getState(ctx: RequestContext): Reply {
  const session = ctx.session();
  const room = roomFor(ctx, session);
  const type = ctx.param("eventType");
  const stateKey = ctx.params["stateKey"] ?? "";
  const end = readableEnd(room, session.userId);
  const event = end === room.events.length ? room.state(type, stateKey) : room.stateBefore(end).get(stateMapKey(type, stateKey));
  if (!event) throw notFound("Event not found.");
  // Newer spec versions accept `format=event` for the whole event instead of its content.
  if (ctx.query.get("format") === "event") return json(toClientEvent(room, event, deviceKey(session)));
  return json(event.content);
}

function putState(ctx: RequestContext): Reply {
  const session = ctx.session();
  const room = roomFor(ctx, session);
  const content = ctx.jsonBody();
  const type = ctx.param("eventType");
  const stateKey = ctx.params["stateKey"] ?? "";
  const limits = ctx.core.rateLimits;
  // Synapse routes member state through update_membership (join and invite buckets, no up-front
  // rc_message check), other state through create_and_send_nonmember_event.
  const membership = content["membership"];
  if (type === "m.room.member") {
    if (membership === "invite") limits.invite(session.userId, room.roomId, stateKey);
    const current = room.membership(stateKey);
    if (membership === "join" && current !== "join" && current !== "ban") limits.join(session.userId, room.roomId);
  } else {
    limits.message(session.userId, false);
  }
  const event = ctx.core.rooms.send(room, { type, sender: session.userId, stateKey, content }, () => limits.message(session.userId));
  return json({ event_id: event.eventId });
}
