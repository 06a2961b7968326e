// Room creation, membership, member lists, typing, receipts and read markers (spec:
// create_room.yaml, joining.yaml, inviting.yaml, leaving.yaml, kicking.yaml, banning.yaml,
// list_joined_rooms.yaml, rooms.yaml, typing.yaml, receipts.yaml, read_markers.yaml).
import type { Session } from "../accounts.ts";
import { CLIENT, requireString, type RequestContext, type Routes } from "../context.ts";
import { MatrixError, forbidden, invalidParam, notFound } from "../errors.ts";
import { json, type Reply } from "../http.ts";
import { isUserId } from "../ids.ts";
import { reasonOf, setMembership } from "../membership.ts";
import { readableEnd } from "../pagination.ts";
import { membershipOf, type Room } from "../room.ts";
import { READ_RECEIPT_TYPES, type ReadReceiptType } from "../receipts.ts";
import { createRoom } from "../room-creation.ts";
import { toClientEvent } from "../client-events.ts";
import { deviceKey } from "../accounts.ts";
import type { JsonObject } from "../types.ts";

/** Synapse answers 403 for rooms the user is not in, whether or not they exist. */
export function roomFor(ctx: RequestContext, session: Session): Room {
  const roomId = ctx.param("roomId");
  const room = ctx.core.rooms.get(roomId);
  if (!room) throw forbidden(`User ${session.userId} not in room ${roomId}`);
  return room;
}

function targetOf(body: JsonObject): string {
  const userId = requireString(body, "user_id");
  if (!isUserId(userId)) throw invalidParam(`${userId} is not a user ID`);
  return userId;
}

export function addRoomRoutes(routes: Routes): void {
  routes.add("POST", `${CLIENT}/createRoom`, (ctx) => {
    const { room, alias } = createRoom(ctx.core, ctx.session(), ctx.jsonBody());
    return json(alias === undefined ? { room_id: room.roomId } : { room_id: room.roomId, room_alias: alias });
  });
  routes.add("POST", `${CLIENT}/rooms/:roomId/join`, (ctx) => join(ctx, ctx.param("roomId")));
  routes.add("POST", `${CLIENT}/join/:roomIdOrAlias`, (ctx) => join(ctx, ctx.param("roomIdOrAlias")));

  const membershipRoute = (action: string, run: (ctx: RequestContext, session: Session, room: Room, body: JsonObject) => void): void => {
    routes.add("POST", `${CLIENT}/rooms/:roomId/${action}`, (ctx) => {
      const session = ctx.session();
      const room = roomFor(ctx, session);
      run(ctx, session, room, ctx.jsonBody(action === "leave" || action === "forget"));
      return json({});
    });
  };
  membershipRoute("invite", (ctx, session, room, body) => {
    const target = targetOf(body);
    // Synapse takes the invite buckets before it looks at the target's membership.
    ctx.core.rateLimits.invite(session.userId, room.roomId, target);
    if (room.membership(target) === "invite") return; // Synapse: inviting again is a no-op
    setMembership(ctx.core, room, session.userId, target, "invite", reasonOf(body));
  });
  membershipRoute("leave", (ctx, session, room, body) => {
    setMembership(ctx.core, room, session.userId, session.userId, "leave", reasonOf(body));
  });
  membershipRoute("kick", (ctx, session, room, body) => {
    setMembership(ctx.core, room, session.userId, targetOf(body), "leave", reasonOf(body));
  });
  membershipRoute("ban", (ctx, session, room, body) => {
    setMembership(ctx.core, room, session.userId, targetOf(body), "ban", reasonOf(body));
  });
  membershipRoute("unban", (ctx, session, room, body) => {
    const target = targetOf(body);
    if (room.membership(target) !== "ban") throw forbidden(`${target} is not banned`);
    setMembership(ctx.core, room, session.userId, target, "leave", reasonOf(body));
  });
  membershipRoute("forget", (ctx, session, room) => {
    const membership = room.membership(session.userId);
    if (membership === "join" || membership === "invite") {
      throw new MatrixError(400, "M_UNKNOWN", "User is in room, cannot forget");
    }
    ctx.core.rooms.forget(session.userId, room.roomId);
  });

  routes.add("GET", `${CLIENT}/joined_rooms`, (ctx) => {
    const { userId } = ctx.session();
    const joined = ctx.core.rooms.roomsOf(userId).filter((room) => room.membership(userId) === "join");
    return json({ joined_rooms: joined.map((room) => room.roomId) });
  });
  routes.add("GET", `${CLIENT}/rooms/:roomId/members`, members);
  routes.add("GET", `${CLIENT}/rooms/:roomId/joined_members`, (ctx) => {
    const session = ctx.session();
    const room = roomFor(ctx, session);
    if (room.membership(session.userId) !== "join") throw forbidden(`User ${session.userId} not in room ${room.roomId}`);
    const joined: Record<string, JsonObject> = {};
    for (const userId of room.joined) {
      const content = room.state("m.room.member", userId)?.content ?? {};
      const entry: JsonObject = {};
      if (typeof content["displayname"] === "string") entry["display_name"] = content["displayname"];
      if (typeof content["avatar_url"] === "string") entry["avatar_url"] = content["avatar_url"];
      joined[userId] = entry;
    }
    return json({ joined });
  });

  routes.add("PUT", `${CLIENT}/rooms/:roomId/typing/:userId`, (ctx) => {
    const session = ctx.session();
    if (ctx.param("userId") !== session.userId) throw forbidden("Cannot set typing for other users");
    requireJoined(roomFor(ctx, session), session);
    if (typeof ctx.jsonBody()["typing"] !== "boolean") throw new MatrixError(400, "M_BAD_JSON", "typing must be a boolean");
    return json({});
  });
  routes.add("POST", `${CLIENT}/rooms/:roomId/receipt/:receiptType/:eventId`, (ctx) => {
    const session = ctx.session();
    const room = roomFor(ctx, session);
    requireJoined(room, session);
    const type = ctx.param("receiptType");
    if (!["m.read", "m.read.private", "m.fully_read"].includes(type)) throw invalidParam(`Unknown receipt type ${type}`);
    ctx.jsonBody(true);
    if (type === "m.fully_read") setFullyRead(ctx, session, room, ctx.param("eventId"));
    else ctx.core.receipts.set(room, session.userId, type as ReadReceiptType, ctx.param("eventId"));
    return json({});
  });
  routes.add("POST", `${CLIENT}/rooms/:roomId/read_markers`, (ctx) => {
    const session = ctx.session();
    const room = roomFor(ctx, session);
    requireJoined(room, session);
    const body = ctx.jsonBody();
    const fullyRead = body["m.fully_read"];
    if (typeof fullyRead === "string") setFullyRead(ctx, session, room, fullyRead);
    // Synapse: other keys are ignored, not refused.
    for (const type of READ_RECEIPT_TYPES) {
      const eventId = body[type];
      if (typeof eventId === "string" && eventId !== "") ctx.core.receipts.set(room, session.userId, type, eventId);
    }
    return json({});
  });
}

function requireJoined(room: Room, session: Session): void {
  if (room.membership(session.userId) !== "join") throw forbidden(`User ${session.userId} not in room ${room.roomId}`);
}

/** Spec "Fully read markers": stored as the room account data event m.fully_read. */
function setFullyRead(ctx: RequestContext, session: Session, room: Room, eventId: string): void {
  if (!room.event(eventId)) throw notFound(`Unknown event ${eventId}`);
  ctx.core.accounts.setAccountData(session.userId, room.roomId, "m.fully_read", { event_id: eventId });
}

function join(ctx: RequestContext, roomIdOrAlias: string): Reply {
  const session = ctx.session();
  const roomId = roomIdOrAlias.startsWith("#") ? ctx.core.rooms.resolveAlias(roomIdOrAlias) : roomIdOrAlias;
  if (roomId === undefined) throw notFound(`Room alias ${roomIdOrAlias} not found`);
  const room = ctx.core.rooms.get(roomId);
  if (!room) throw notFound(`No known servers for room ${roomId}`);
  setMembership(ctx.core, room, session.userId, session.userId, "join", reasonOf(ctx.jsonBody(true)));
  return json({ room_id: room.roomId });
}

/** GET /rooms/{roomId}/members, as of now (or as of the user's departure), filtered by membership. */
function members(ctx: RequestContext): Reply {
  const session = ctx.session();
  const room = roomFor(ctx, session);
  const state = room.stateBefore(readableEnd(room, session.userId));
  const only = ctx.query.get("membership");
  const not = ctx.query.get("not_membership");
  const chunk = [];
  for (const event of state.values()) {
    if (event.type !== "m.room.member") continue;
    const membership = membershipOf(event);
    if ((only !== null && membership !== only) || (not !== null && membership === not)) continue;
    chunk.push(toClientEvent(room, event, deviceKey(session)));
  }
  return json({ chunk });
}
