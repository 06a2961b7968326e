// Room aliases and the published room directory (spec: directory.yaml, list_public_rooms.yaml).
import { CLIENT, requireString, type RequestContext, type Routes } from "../context.ts";
import { forbidden, invalidParam, notFound } from "../errors.ts";
import { json, type Reply } from "../http.ts";
import { serverNameOf } from "../ids.ts";
import type { JsonObject } from "../types.ts";

export function addDirectoryRoutes(routes: Routes): void {
  routes.add("GET", `${CLIENT}/directory/room/:alias`, (ctx) => {
    const roomId = ctx.core.rooms.resolveAlias(ctx.param("alias"));
    if (roomId === undefined) throw notFound(`Room alias ${ctx.param("alias")} not found`);
    return json({ room_id: roomId, servers: [ctx.core.serverName] });
  });
  routes.add("PUT", `${CLIENT}/directory/room/:alias`, (ctx) => {
    ctx.session();
    const alias = ctx.param("alias");
    if (!alias.startsWith("#") || serverNameOf(alias) !== ctx.core.serverName) {
      throw invalidParam("Room alias must be local");
    }
    const roomId = requireString(ctx.jsonBody(), "room_id");
    if (!ctx.core.rooms.get(roomId)) throw notFound(`Unknown room ${roomId}`);
    ctx.core.rooms.setAlias(alias, roomId);
    return json({});
  });
  routes.add("DELETE", `${CLIENT}/directory/room/:alias`, (ctx) => {
    ctx.session();
    if (!ctx.core.rooms.deleteAlias(ctx.param("alias"))) throw notFound("Room alias not found");
    return json({});
  });
  routes.add("GET", `${CLIENT}/directory/list/room/:roomId`, (ctx) => {
    const room = ctx.core.rooms.require(ctx.param("roomId"));
    return json({ visibility: room.published ? "public" : "private" });
  });
  routes.add("PUT", `${CLIENT}/directory/list/room/:roomId`, (ctx) => {
    const session = ctx.session();
    const room = ctx.core.rooms.require(ctx.param("roomId"));
    if (room.membership(session.userId) !== "join") throw forbidden("Not in room");
    const visibility = ctx.jsonBody()["visibility"];
    if (visibility !== "public" && visibility !== "private") throw invalidParam("visibility must be public or private");
    room.published = visibility === "public";
    return json({});
  });
  routes.add("GET", `${CLIENT}/publicRooms`, publicRooms);
  routes.add("POST", `${CLIENT}/publicRooms`, (ctx) => {
    ctx.session();
    return publicRooms(ctx);
  });
}

function publicRooms(ctx: RequestContext): Reply {
  const chunk: JsonObject[] = [];
  for (const room of ctx.core.rooms.all()) {
    if (!room.published) continue;
    const entry: JsonObject = {
      room_id: room.roomId,
      num_joined_members: room.joined.size,
      world_readable: room.state("m.room.history_visibility")?.content["history_visibility"] === "world_readable",
      guest_can_join: room.state("m.room.guest_access")?.content["guest_access"] === "can_join",
      join_rule: room.state("m.room.join_rules")?.content["join_rule"] ?? "invite",
    };
    const name = room.state("m.room.name")?.content["name"];
    const topic = room.state("m.room.topic")?.content["topic"];
    const alias = room.state("m.room.canonical_alias")?.content["alias"];
    if (typeof name === "string") entry["name"] = name;
    if (typeof topic === "string") entry["topic"] = topic;
    if (typeof alias === "string") entry["canonical_alias"] = alias;
    chunk.push(entry);
  }
  return json({ chunk, total_room_count_estimate: chunk.length });
}
