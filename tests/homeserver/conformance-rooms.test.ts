// Conformance, with raw HTTP, of room creation, membership and power levels (spec:
// create_room.yaml, joining/inviting/leaving/kicking/banning.yaml, room_state.yaml, and the
// authorization rules of rooms/v10).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestHomeserver } from "./index.ts";
import { createRoom, enc, newUser, sendMessage, txn, type ErrorBody, type RawClient } from "./raw-client.ts";

let hs: TestHomeserver;
let alice: RawClient;
let bob: RawClient;
let carol: RawClient;
beforeAll(async () => {
  // Rate limits are conformance-ratelimits.test.ts's subject; here every registered account is exempt.
  hs = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
  alice = await newUser(hs, "alice");
  bob = await newUser(hs, "bob");
  carol = await newUser(hs, "carol");
});
afterAll(() => hs.close());

const typesAndKeys = (roomId: string): string[] =>
  hs.roomEvents(roomId).map((event) => `${event.type}|${event.state_key ?? ""}`);

describe("createRoom", () => {
  it("creates the events in the spec's order with Synapse's default power levels", async () => {
    const roomId = await createRoom(alice, { preset: "private_chat", name: "Bureau", topic: "Réunions", invite: [bob.userId] });
    expect(roomId).toMatch(/^!\w+:minou\.test$/);
    expect(typesAndKeys(roomId)).toEqual([
      "m.room.create|",
      `m.room.member|${alice.userId}`,
      "m.room.power_levels|",
      "m.room.join_rules|",
      "m.room.history_visibility|",
      "m.room.guest_access|",
      "m.room.name|",
      "m.room.topic|",
      `m.room.member|${bob.userId}`,
    ]);
    expect(hs.stateContent(roomId, "m.room.create")).toEqual({ creator: alice.userId, room_version: "10" });
    expect(hs.stateContent(roomId, "m.room.power_levels")).toMatchObject({
      users: { [alice.userId]: 100 },
      users_default: 0,
      events_default: 0,
      state_default: 50,
      ban: 50,
      kick: 50,
      redact: 50,
      invite: 0, // Synapse's private_chat preset lets members invite
      events: { "m.room.power_levels": 100, "m.room.name": 50 },
    });
    expect(hs.stateContent(roomId, "m.room.join_rules")).toEqual({ join_rule: "invite" });
    expect(hs.stateContent(roomId, "m.room.history_visibility")).toEqual({ history_visibility: "shared" });
    expect(hs.stateContent(roomId, "m.room.topic")).toMatchObject({ topic: "Réunions" });
    expect(hs.stateContent(roomId, "m.room.member", bob.userId)).toMatchObject({ membership: "invite" });
    const events = hs.roomEvents(roomId);
    expect(events.every((event) => /^\$[\w-]{43}$/.test(event.event_id))).toBe(true);
    const timestamps = events.map((event) => event.origin_server_ts);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    expect(new Set(timestamps).size).toBe(timestamps.length);
  });

  it("applies the public_chat and trusted_private_chat presets", async () => {
    const publicRoom = await createRoom(alice, { preset: "public_chat" });
    expect(hs.stateContent(publicRoom, "m.room.join_rules")).toEqual({ join_rule: "public" });
    expect(hs.stateContent(publicRoom, "m.room.guest_access")).toEqual({ guest_access: "forbidden" });
    expect(hs.stateContent(publicRoom, "m.room.power_levels")).toMatchObject({ invite: 50 });

    const trusted = await createRoom(alice, { preset: "trusted_private_chat", invite: [bob.userId], is_direct: true });
    expect(hs.stateContent(trusted, "m.room.power_levels")).toMatchObject({ users: { [alice.userId]: 100, [bob.userId]: 100 } });
    expect(hs.stateContent(trusted, "m.room.member", bob.userId)).toMatchObject({ membership: "invite", is_direct: true });
  });

  it("lets initial_state override presets, name override initial_state, and applies power_level_content_override", async () => {
    const roomId = await createRoom(alice, {
      preset: "private_chat",
      name: "Nom final",
      initial_state: [
        { type: "m.room.join_rules", content: { join_rule: "public" } },
        { type: "m.room.name", state_key: "", content: { name: "Nom initial" } },
        { type: "fr.chatons.minou.config", state_key: "agenda", content: { enabled: true } },
      ],
      power_level_content_override: { events_default: 10, users: { [alice.userId]: 100, [bob.userId]: 50 } },
    });
    expect(hs.stateContent(roomId, "m.room.join_rules")).toEqual({ join_rule: "public" });
    expect(typesAndKeys(roomId).filter((key) => key === "m.room.join_rules|")).toHaveLength(1);
    expect(hs.stateContent(roomId, "m.room.name")).toEqual({ name: "Nom final" });
    expect(hs.stateContent(roomId, "fr.chatons.minou.config", "agenda")).toEqual({ enabled: true });
    expect(hs.stateContent(roomId, "m.room.power_levels")).toMatchObject({
      events_default: 10,
      users: { [alice.userId]: 100, [bob.userId]: 50 },
    });
  });

  it("creates an alias that resolves and can be joined", async () => {
    const created = await alice.post<{ room_id: string }>("/createRoom", { preset: "public_chat", room_alias_name: "accueil" });
    expect(created.status).toBe(200);
    expect(hs.stateContent(created.body.room_id, "m.room.canonical_alias")).toEqual({ alias: "#accueil:minou.test" });
    expect((await bob.get(`/directory/room/${enc("#accueil:minou.test")}`)).body).toEqual({
      room_id: created.body.room_id,
      servers: ["minou.test"],
    });
    expect((await bob.post(`/join/${enc("#accueil:minou.test")}`)).body).toEqual({ room_id: created.body.room_id });
    const taken = await alice.post<ErrorBody>("/createRoom", { room_alias_name: "accueil" });
    expect([taken.status, taken.body.errcode]).toEqual([400, "M_ROOM_IN_USE"]);
  });

  it("publishes public rooms in the directory and manages aliases", async () => {
    const roomId = await createRoom(alice, { preset: "public_chat", visibility: "public", name: "Annonces", topic: "Infos" });
    const listed = await bob.get<{ chunk: Array<Record<string, unknown>> }>("/publicRooms");
    expect(listed.body.chunk.find((r) => r["room_id"] === roomId)).toMatchObject({
      name: "Annonces",
      topic: "Infos",
      num_joined_members: 1,
      join_rule: "public",
      world_readable: false,
    });
    expect((await bob.get(`/directory/list/room/${enc(roomId)}`)).body).toEqual({ visibility: "public" });
    expect((await alice.put(`/directory/room/${enc("#annonces:minou.test")}`, { room_id: roomId })).body).toEqual({});
    expect((await bob.get(`/directory/room/${enc("#annonces:minou.test")}`)).body["room_id"]).toBe(roomId);
    expect((await alice.put(`/directory/room/${enc("#annonces:minou.test")}`, { room_id: roomId })).status).toBe(409);
    expect((await alice.request("DELETE", `/directory/room/${enc("#annonces:minou.test")}`)).status).toBe(200);
    expect((await bob.get(`/directory/room/${enc("#annonces:minou.test")}`)).status).toBe(404);
  });

  it("supports room version 11: no creator in m.room.create, its redaction rules", async () => {
    const roomId = await createRoom(alice, { room_version: "11" });
    expect(hs.stateContent(roomId, "m.room.create")).toEqual({ room_version: "11" });
    const levels = hs.roomEvents(roomId).find((e) => e.type === "m.room.power_levels");
    await alice.put(`/rooms/${enc(roomId)}/redact/${enc(levels?.event_id ?? "")}/${txn()}`, {});
    expect(hs.stateContent(roomId, "m.room.power_levels")).toMatchObject({ invite: 0 }); // v11 keeps `invite`
  });

  it("refuses unknown room versions and presets", async () => {
    const version = await alice.post<ErrorBody>("/createRoom", { room_version: "999" });
    expect([version.status, version.body.errcode]).toEqual([400, "M_UNSUPPORTED_ROOM_VERSION"]);
    expect((await alice.post("/createRoom", { preset: "party" })).status).toBe(400);
  });
});

describe("membership", () => {
  it("needs an invite to join an invite-only room; anyone may join a public one", async () => {
    const privateRoom = await createRoom(alice, { preset: "private_chat" });
    const refused = await carol.post<ErrorBody>(`/rooms/${enc(privateRoom)}/join`);
    expect([refused.status, refused.body.errcode]).toEqual([403, "M_FORBIDDEN"]);
    expect((await alice.post(`/rooms/${enc(privateRoom)}/invite`, { user_id: carol.userId })).body).toEqual({});
    expect((await carol.post(`/rooms/${enc(privateRoom)}/join`)).body).toEqual({ room_id: privateRoom });
    expect(hs.stateContent(privateRoom, "m.room.member", carol.userId)).toEqual({ membership: "join", displayname: "carol" });

    const publicRoom = await createRoom(alice, { preset: "public_chat" });
    expect((await carol.post(`/join/${enc(publicRoom)}`)).status).toBe(200);
    const unknown = await carol.post<ErrorBody>(`/join/${enc("!nope:minou.test")}`);
    expect([unknown.status, unknown.body.errcode]).toEqual([404, "M_NOT_FOUND"]);
  });

  it("needs the invite level to invite, and refuses inviting a member", async () => {
    const roomId = await createRoom(alice, { preset: "public_chat" }); // invite: 50
    await bob.post(`/rooms/${enc(roomId)}/join`);
    const refused = await bob.post<ErrorBody>(`/rooms/${enc(roomId)}/invite`, { user_id: carol.userId });
    expect([refused.status, refused.body.errcode]).toEqual([403, "M_FORBIDDEN"]);
    expect((await alice.post(`/rooms/${enc(roomId)}/invite`, { user_id: bob.userId })).status).toBe(403);
    const outsider = await carol.post(`/rooms/${enc(roomId)}/invite`, { user_id: bob.userId });
    expect(outsider.status).toBe(403);
  });

  it("kicks only with the kick level and a higher level than the target; kicked users lose access", async () => {
    const roomId = await createRoom(alice, { preset: "public_chat" });
    await bob.post(`/rooms/${enc(roomId)}/join`);
    const upward = await bob.post<ErrorBody>(`/rooms/${enc(roomId)}/kick`, { user_id: alice.userId });
    expect([upward.status, upward.body.errcode]).toEqual([403, "M_FORBIDDEN"]);
    expect((await alice.post(`/rooms/${enc(roomId)}/kick`, { user_id: bob.userId, reason: "test" })).body).toEqual({});
    expect(hs.stateContent(roomId, "m.room.member", bob.userId)).toEqual({ membership: "leave", reason: "test" });
    const send = await bob.put<ErrorBody>(`/rooms/${enc(roomId)}/send/m.room.message/${txn()}`, { msgtype: "m.text", body: "hi" });
    expect([send.status, send.body.errcode]).toEqual([403, "M_FORBIDDEN"]);
    expect((await bob.get("/joined_rooms")).body["joined_rooms"]).not.toContain(roomId);
    expect((await bob.post(`/rooms/${enc(roomId)}/join`)).status).toBe(200); // public: may come back
  });

  it("bans keep a user out until unbanned", async () => {
    const roomId = await createRoom(alice, { preset: "public_chat" });
    await carol.post(`/rooms/${enc(roomId)}/join`);
    expect((await alice.post(`/rooms/${enc(roomId)}/ban`, { user_id: carol.userId })).status).toBe(200);
    expect((await carol.post(`/rooms/${enc(roomId)}/join`)).status).toBe(403);
    expect((await alice.post(`/rooms/${enc(roomId)}/unban`, { user_id: carol.userId })).status).toBe(200);
    expect((await carol.post(`/rooms/${enc(roomId)}/join`)).status).toBe(200);
  });

  it("leaves, then refuses further sends, and forgets on request", async () => {
    const roomId = await createRoom(alice, { preset: "public_chat" });
    await bob.post(`/rooms/${enc(roomId)}/join`);
    await sendMessage(bob, roomId, { msgtype: "m.text", body: "avant" });
    expect((await bob.post(`/rooms/${enc(roomId)}/leave`)).body).toEqual({});
    expect((await bob.put(`/rooms/${enc(roomId)}/send/m.room.message/${txn()}`, { msgtype: "m.text", body: "après" })).status).toBe(403);
    // History up to the departure stays readable (history_visibility "shared").
    const history = await bob.get<{ chunk: Array<{ type: string }> }>(`/rooms/${enc(roomId)}/messages?dir=b&limit=50`);
    expect(history.status).toBe(200);
    expect(history.body.chunk[0]).toMatchObject({ type: "m.room.member" });
    expect((await bob.post(`/rooms/${enc(roomId)}/forget`)).status).toBe(200);
    const stranger = await carol.post<ErrorBody>(`/rooms/${enc(roomId)}/leave`);
    expect([stranger.status, stranger.body.errcode]).toEqual([403, "M_FORBIDDEN"]);
  });

  it("lists members, joined members and joined rooms", async () => {
    const roomId = await createRoom(alice, { preset: "private_chat", invite: [bob.userId, carol.userId] });
    await bob.post(`/rooms/${enc(roomId)}/join`);
    const members = await alice.get<{ chunk: Array<{ state_key: string; content: { membership: string } }> }>(`/rooms/${enc(roomId)}/members`);
    expect(members.body.chunk.map((e) => [e.state_key, e.content.membership]).sort()).toEqual(
      [[alice.userId, "join"], [bob.userId, "join"], [carol.userId, "invite"]].sort(),
    );
    const joinedOnly = await alice.get<{ chunk: unknown[] }>(`/rooms/${enc(roomId)}/members?membership=join`);
    expect(joinedOnly.body.chunk).toHaveLength(2);
    expect((await alice.get(`/rooms/${enc(roomId)}/joined_members`)).body).toEqual({
      joined: { [alice.userId]: { display_name: "alice" }, [bob.userId]: { display_name: "bob" } },
    });
    expect((await bob.get("/joined_rooms")).body["joined_rooms"]).toContain(roomId);
    expect((await carol.get(`/rooms/${enc(roomId)}/joined_members`)).status).toBe(403);
  });
});

describe("state and power levels", () => {
  it("reads and writes state with an empty state key, with and without a trailing slash", async () => {
    const roomId = await createRoom(alice, { preset: "public_chat" });
    const put = await alice.put<{ event_id: string }>(`/rooms/${enc(roomId)}/state/m.room.pinned_events`, { pinned: ["$a"] });
    expect(put.status).toBe(200);
    expect(put.body.event_id).toMatch(/^\$/);
    expect((await alice.get(`/rooms/${enc(roomId)}/state/m.room.pinned_events/`)).body).toEqual({ pinned: ["$a"] });
    await alice.put(`/rooms/${enc(roomId)}/state/m.room.pinned_events/`, { pinned: ["$b"] });
    expect((await alice.get(`/rooms/${enc(roomId)}/state/m.room.pinned_events`)).body).toEqual({ pinned: ["$b"] });
    const withKey = await alice.put(`/rooms/${enc(roomId)}/state/fr.chatons.minou.poll/${enc("a/b")}`, { open: true });
    expect(withKey.status).toBe(200);
    expect(hs.stateContent(roomId, "fr.chatons.minou.poll", "a/b")).toEqual({ open: true });
    const missing = await alice.get<ErrorBody>(`/rooms/${enc(roomId)}/state/m.room.avatar`);
    expect([missing.status, missing.body.errcode]).toEqual([404, "M_NOT_FOUND"]);
    const all = await alice.get<Array<{ type: string; state_key: string }>>(`/rooms/${enc(roomId)}/state`);
    expect(all.body.map((e) => e.type)).toEqual(expect.arrayContaining(["m.room.create", "m.room.pinned_events", "m.room.member"]));
  });

  it("needs state_default to send state, and refuses others' @-state keys", async () => {
    const roomId = await createRoom(alice, { preset: "public_chat" });
    await bob.post(`/rooms/${enc(roomId)}/join`);
    const pin = await bob.put<ErrorBody>(`/rooms/${enc(roomId)}/state/m.room.pinned_events`, { pinned: [] });
    expect([pin.status, pin.body.errcode]).toEqual([403, "M_FORBIDDEN"]);
    const name = await bob.put(`/rooms/${enc(roomId)}/state/m.room.name`, { name: "x" });
    expect(name.status).toBe(403);
    const others = await alice.put(`/rooms/${enc(roomId)}/state/fr.chatons.minou.prefs/${enc(bob.userId)}`, {});
    expect(others.status).toBe(403);
  });

  it("enforces events_default and per-type levels for messages", async () => {
    const roomId = await createRoom(alice, {
      preset: "public_chat",
      power_level_content_override: { events_default: 20, events: { "m.reaction": 0 } },
    });
    await bob.post(`/rooms/${enc(roomId)}/join`);
    expect((await bob.put(`/rooms/${enc(roomId)}/send/m.room.message/${txn()}`, { body: "x" })).status).toBe(403);
    expect((await bob.put(`/rooms/${enc(roomId)}/send/m.reaction/${txn()}`, {})).status).toBe(200);
  });

  it("refuses power level changes beyond the sender's own level", async () => {
    const roomId = await createRoom(alice, { preset: "public_chat" });
    await bob.post(`/rooms/${enc(roomId)}/join`);
    await carol.post(`/rooms/${enc(roomId)}/join`);
    const current = (await alice.get(`/rooms/${enc(roomId)}/state/m.room.power_levels`)).body;
    const users = current["users"] as Record<string, number>;
    const promote = await alice.put(`/rooms/${enc(roomId)}/state/m.room.power_levels`, {
      ...current,
      users: { ...users, [bob.userId]: 50 },
      events: { ...(current["events"] as object), "m.room.power_levels": 50 },
    });
    expect(promote.status).toBe(200);
    const base = (await alice.get(`/rooms/${enc(roomId)}/state/m.room.power_levels`)).body;
    const baseUsers = base["users"] as Record<string, number>;
    const tooHigh = await bob.put<ErrorBody>(`/rooms/${enc(roomId)}/state/m.room.power_levels`, { ...base, users: { ...baseUsers, [carol.userId]: 60 } });
    expect([tooHigh.status, tooHigh.body.errcode]).toEqual([403, "M_FORBIDDEN"]);
    const demoteAdmin = await bob.put(`/rooms/${enc(roomId)}/state/m.room.power_levels`, { ...base, users: { ...baseUsers, [alice.userId]: 0 } });
    expect(demoteAdmin.status).toBe(403);
    const grantEqual = await bob.put(`/rooms/${enc(roomId)}/state/m.room.power_levels`, { ...base, users: { ...baseUsers, [carol.userId]: 50 } });
    expect(grantEqual.status).toBe(200);
    const notInteger = await alice.put<ErrorBody>(`/rooms/${enc(roomId)}/state/m.room.power_levels`, { ...base, kick: "50" });
    expect([notInteger.status, notInteger.body.errcode]).toEqual([400, "M_BAD_JSON"]);
  });

  it("accepts typing, receipts and read markers; the fully-read marker becomes room account data", async () => {
    const roomId = await createRoom(alice);
    const eventId = await sendMessage(alice, roomId, { msgtype: "m.text", body: "lu" });
    expect((await alice.put(`/rooms/${enc(roomId)}/typing/${enc(alice.userId)}`, { typing: true, timeout: 3000 })).body).toEqual({});
    expect((await alice.put(`/rooms/${enc(roomId)}/typing/${enc(bob.userId)}`, { typing: true })).status).toBe(403);
    expect((await alice.post(`/rooms/${enc(roomId)}/receipt/m.read/${enc(eventId)}`, {})).body).toEqual({});
    expect((await alice.post(`/rooms/${enc(roomId)}/receipt/m.bogus/${enc(eventId)}`, {})).status).toBe(400);
    expect((await alice.post(`/rooms/${enc(roomId)}/read_markers`, { "m.fully_read": eventId, "m.read": eventId })).body).toEqual({});
    const marker = await alice.get(`/user/${enc(alice.userId)}/rooms/${enc(roomId)}/account_data/m.fully_read`);
    expect(marker.body).toEqual({ event_id: eventId });
    expect((await bob.put(`/rooms/${enc(roomId)}/typing/${enc(bob.userId)}`, { typing: true })).status).toBe(403);
  });
});
