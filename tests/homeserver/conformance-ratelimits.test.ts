// Conformance, with raw HTTP, of Synapse 1.67's per-account rate limits (synapse/api/ratelimiting.py,
// config/ratelimiting.py defaults; applied in handlers/message.py, room.py, room_member.py,
// profile.py) and of the admin API override_ratelimit (rest/admin/users.py). Each test runs its
// own server on a clock it moves by hand, so retry_after_ms is exact.
import { afterEach, describe, expect, it } from "vitest";
import { TestHomeserver, type RateLimitOptions } from "./index.ts";
import { RawClient, createRoom, enc, newUser, sendMessage, txn, type ErrorBody, type RawResponse } from "./raw-client.ts";

const SYNAPSE_LIMIT = { errcode: "M_LIMIT_EXCEEDED", error: "Too Many Requests" };

let hs: TestHomeserver | undefined;
let now = 1_000_000;
afterEach(async () => {
  await hs?.close();
  hs = undefined;
});

async function start(rateLimits: RateLimitOptions = {}): Promise<TestHomeserver> {
  now = 1_000_000;
  hs = await TestHomeserver.start({ rateLimits: { now: () => now, ...rateLimits } });
  return hs;
}

/** Lets a fresh account's createRoom (2 actions) leak away, so the burst starts full. */
const drain = (): void => {
  now += 60_000;
};

const send = (client: RawClient, roomId: string, txnId = txn(), type = "m.room.message"): Promise<RawResponse<ErrorBody & { event_id: string }>> =>
  client.put(`/rooms/${enc(roomId)}/send/${enc(type)}/${txnId}`, { msgtype: "m.text", body: "x" });

async function statuses(count: number, request: () => Promise<RawResponse<unknown>>): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) seen.push((await request()).status);
  return seen;
}

const ok = (n: number): number[] => Array<number>(n).fill(200);

describe("rc_message (0.2/s, burst 10)", () => {
  it("allows a burst of 10 events, then 429 with retry_after_ms from the bucket and no Retry-After", async () => {
    const server = await start();
    const alice = await newUser(server, "alice");
    const roomId = await createRoom(alice);
    drain();
    expect(await statuses(10, () => send(alice, roomId))).toEqual(ok(10));
    const refused = await send(alice, roomId);
    expect(refused.status).toBe(429);
    // Synapse: time_allowed = time_start + (action_count - burst + 1) / rate = 5 s after the burst.
    expect(refused.body).toEqual({ ...SYNAPSE_LIMIT, retry_after_ms: 5000 });
    expect(refused.headers.get("retry-after")).toBeNull();
    now += 1500;
    expect((await send(alice, roomId)).body.retry_after_ms).toBe(3500);
    expect(server.roomEvents(roomId).filter((e) => e.type === "m.room.message")).toHaveLength(10);
  });

  it("refills at 0.2 actions a second, and a full wait restores the whole burst", async () => {
    const server = await start();
    const alice = await newUser(server, "alice");
    const roomId = await createRoom(alice);
    drain();
    await statuses(10, () => send(alice, roomId));
    now += 5000;
    expect((await send(alice, roomId)).status).toBe(200);
    const next = await send(alice, roomId);
    expect([next.status, next.body.retry_after_ms]).toEqual([429, 5000]);
    now += 4000;
    expect((await send(alice, roomId)).body.retry_after_ms).toBe(1000);
    now += 60_000;
    expect(await statuses(11, () => send(alice, roomId))).toEqual([...ok(10), 429]);
  });

  it("keeps one bucket per account", async () => {
    const server = await start();
    const alice = await newUser(server, "alice");
    const bob = await newUser(server, "bob");
    const roomId = await createRoom(alice, { preset: "public_chat" });
    expect((await bob.post(`/join/${enc(roomId)}`)).status).toBe(200);
    drain();
    await statuses(10, () => send(alice, roomId));
    expect((await send(alice, roomId)).status).toBe(429);
    expect(await statuses(10, () => send(bob, roomId))).toEqual(ok(10));
  });

  it("answers a resent transaction ID while limited with the first event, without counting it", async () => {
    const server = await start();
    const alice = await newUser(server, "alice");
    const roomId = await createRoom(alice);
    drain();
    const first = await send(alice, roomId, "first");
    await statuses(9, () => send(alice, roomId));
    expect((await send(alice, roomId)).body.retry_after_ms).toBe(5000);
    const resent = await send(alice, roomId, "first");
    expect([resent.status, resent.body.event_id]).toEqual([200, first.body.event_id]);
    expect((await send(alice, roomId)).body.retry_after_ms).toBe(5000);
    // A transaction refused with 429 is not remembered: its retry is a new attempt.
    now += 5000;
    expect((await send(alice, roomId, "refused-then-retried")).status).toBe(200);
  });

  it("counts createRoom twice (the request and the creator's join) and drops a room whose join is refused", async () => {
    const server = await start();
    const alice = await newUser(server, "alice");
    await createRoom(alice);
    const roomId = await createRoom(alice);
    // 4 of 10 used: 6 sends pass (the probe of a running 1.67: createRoom + 8 sends, the 9th refused).
    expect(await statuses(7, () => send(alice, roomId))).toEqual([...ok(6), 429]);
    now += 5000; // one action back: the request passes, the creator's join is refused
    const refused = await alice.post<ErrorBody>("/createRoom", {});
    expect([refused.status, refused.body.retry_after_ms]).toEqual([429, 5000]);
    expect((await alice.get<{ joined_rooms: string[] }>("/joined_rooms")).body.joined_rooms).toHaveLength(2);
  });

  it("counts reactions, edits, redactions, state events (pins) and membership changes; not refused or identical state", async () => {
    const server = await start();
    const alice = await newUser(server, "alice");
    const bob = await newUser(server, "bob");
    const roomId = await createRoom(alice);
    drain();
    const target = await sendMessage(alice, roomId, { msgtype: "m.text", body: "RDV" }); // 1
    const relates = { rel_type: "m.annotation", event_id: target, key: "👍" };
    expect((await alice.put(`/rooms/${enc(roomId)}/send/m.reaction/${txn()}`, { "m.relates_to": relates })).status).toBe(200); // 2
    const edit = { msgtype: "m.text", body: "* RDV 10h", "m.new_content": { msgtype: "m.text", body: "RDV 10h" }, "m.relates_to": { rel_type: "m.replace", event_id: target } };
    expect((await alice.put(`/rooms/${enc(roomId)}/send/m.room.message/${txn()}`, edit)).status).toBe(200); // 3
    expect((await alice.put(`/rooms/${enc(roomId)}/redact/${enc(target)}/${txn()}`, {})).status).toBe(200); // 4
    const pins = { pinned: [target] };
    expect((await alice.put(`/rooms/${enc(roomId)}/state/m.room.pinned_events`, pins)).status).toBe(200); // 5
    expect((await alice.put(`/rooms/${enc(roomId)}/state/m.room.pinned_events`, pins)).status).toBe(200); // identical: not sent, not counted
    expect((await alice.post(`/rooms/${enc(roomId)}/invite`, { user_id: bob.userId })).status).toBe(200); // 6
    const create = server.roomEvents(roomId)[0]?.event_id as string;
    expect((await alice.put(`/rooms/${enc(roomId)}/redact/${enc(create)}/${txn()}`, {})).status).toBe(403); // refused: not counted
    expect((await alice.put(`/profile/${enc(alice.userId)}/displayname`, { displayname: "Alice" })).status).toBe(200); // 7 (and no member event counted)
    expect(await statuses(4, () => send(alice, roomId))).toEqual([...ok(3), 429]);
  });

  it("refuses a profile change's room updates when limited, but keeps the new profile (as Synapse)", async () => {
    const server = await start({ message: { perSecond: 0.2, burst: 2 } });
    const alice = await newUser(server, "alice");
    const roomId = await createRoom(alice);
    const refused = await alice.put<ErrorBody>(`/profile/${enc(alice.userId)}/displayname`, { displayname: "Alice" });
    expect(refused.status).toBe(429);
    expect((await alice.get(`/profile/${enc(alice.userId)}/displayname`)).body).toEqual({ displayname: "Alice" });
    expect(server.stateContent(roomId, "m.room.member", alice.userId)?.["displayname"]).toBe("alice");
  });

  it("checks before building the event: a limited account gets 429 even for an identical state event", async () => {
    const server = await start();
    const alice = await newUser(server, "alice");
    const roomId = await createRoom(alice, { name: "Bureau" });
    drain();
    await statuses(10, () => send(alice, roomId));
    expect((await alice.put(`/rooms/${enc(roomId)}/state/m.room.name`, { name: "Bureau" })).status).toBe(429);
  });

  it("takes custom rates, and none at all with rateLimits: false", async () => {
    const custom = await start({ message: { perSecond: 2, burst: 3 } });
    const alice = await newUser(custom, "alice");
    const roomId = await createRoom(alice);
    drain();
    expect(await statuses(4, () => send(alice, roomId))).toEqual([...ok(3), 429]);
    expect((await send(alice, roomId)).body.retry_after_ms).toBe(500);
    await custom.close();
    hs = await TestHomeserver.start({ rateLimits: false });
    const bob = await newUser(hs, "bob");
    const open = await createRoom(bob);
    expect(await statuses(30, () => send(bob, open))).toEqual(ok(30));
  });

  it("empties the buckets on restart, as Synapse keeps them in memory", async () => {
    const server = await start();
    const alice = await newUser(server, "alice");
    const roomId = await createRoom(alice);
    drain();
    await statuses(11, () => send(alice, roomId));
    await server.stop();
    await expect(fetch(`${server.url}/_matrix/client/versions`)).rejects.toThrow(); // drops the pooled connection
    await server.restart();
    expect((await send(alice, roomId)).status).toBe(200);
  });
});

describe("override_ratelimit (admin API) and direct exemption", () => {
  const overridePath = (userId: string): string => `/_synapse/admin/v1/users/${enc(userId)}/override_ratelimit`;

  it("is for server admins only, and 0/0 exempts the user from every limit until deleted", async () => {
    const server = await start();
    const admin = await server.registerUser("admin", "password", { admin: true });
    const adminClient = new RawClient(server.url, admin.accessToken, admin.userId);
    const alice = await newUser(server, "alice");
    const roomId = await createRoom(alice);
    drain();
    await statuses(10, () => send(alice, roomId));
    const path = overridePath(alice.userId);
    expect((await alice.post<ErrorBody>(path, {})).body).toEqual({ errcode: "M_FORBIDDEN", error: "You are not a server admin" });
    expect((await adminClient.get(path)).body).toEqual({});
    const set = await adminClient.post(path, { messages_per_second: 0, burst_count: 0 });
    expect([set.status, set.body]).toEqual([200, { messages_per_second: 0, burst_count: 0 }]);
    expect((await adminClient.get(path)).body).toEqual({ messages_per_second: 0, burst_count: 0 });
    expect(await statuses(20, () => send(alice, roomId))).toEqual(ok(20));
    const rooms = await statuses(12, () => alice.post("/createRoom", {}));
    expect(rooms).toEqual(ok(12)); // joins are exempt too
    expect((await adminClient.request("DELETE", path)).body).toEqual({});
    // Nothing was counted while exempt: the bucket is as the burst left it.
    expect((await send(alice, roomId)).body.retry_after_ms).toBe(5000);
  });

  it("validates the body and the user as Synapse does", async () => {
    const server = await start();
    const admin = await server.registerUser("admin", "password", { admin: true });
    const adminClient = new RawClient(server.url, admin.accessToken, admin.userId);
    const alice = await newUser(server, "alice");
    expect((await adminClient.post<ErrorBody>(overridePath(alice.userId), { messages_per_second: 0.5 })).body).toEqual({
      errcode: "M_INVALID_PARAM",
      error: "0.5 parameter must be a positive int",
    });
    expect((await adminClient.post<ErrorBody>(overridePath(alice.userId), { burst_count: "3" })).body.error).toBe("'3' parameter must be a positive int");
    const unknown = await adminClient.post<ErrorBody>(overridePath("@nobody:minou.test"), {});
    expect([unknown.status, unknown.body]).toEqual([404, { errcode: "M_NOT_FOUND", error: "User not found" }]);
    expect((await adminClient.post(overridePath("@alice:elsewhere.test"), {})).status).toBe(400);
    // Missing fields mean 0.
    expect((await adminClient.post(overridePath(alice.userId))).body).toEqual({ messages_per_second: 0, burst_count: 0 });
  });

  it("replaces rc_message for that user with a non-zero rate, and leaves the other limits alone", async () => {
    const server = await start({ joins: { perSecond: 0.1, burst: 2 } });
    const alice = await newUser(server, "alice");
    server.setRateLimitOverride(alice.userId, { messagesPerSecond: 1, burstCount: 20 });
    const roomId = await createRoom(alice);
    await createRoom(alice); // 4 actions of 20, both joins
    const third = await alice.post<ErrorBody>("/createRoom", {}); // the request counts (5), its join is refused
    expect([third.status, third.body.retry_after_ms]).toEqual([429, 10_000]);
    expect(await statuses(16, () => send(alice, roomId))).toEqual([...ok(15), 429]);
    expect((await send(alice, roomId)).body.retry_after_ms).toBe(1000);
  });

  it("exempts directly with exemptFromRateLimits, and registered users with exemptRegisteredUsers", async () => {
    const server = await start();
    const alice = await newUser(server, "alice");
    server.exemptFromRateLimits(alice.userId);
    const roomId = await createRoom(alice);
    expect(await statuses(30, () => send(alice, roomId))).toEqual(ok(30));
    await server.close();
    const exempting = await start({ exemptRegisteredUsers: true });
    const bob = await newUser(exempting, "bob");
    const room = await createRoom(bob);
    expect(await statuses(30, () => send(bob, room))).toEqual(ok(30));
    const viaHttp = await new RawClient(exempting.url).post<{ access_token: string; user_id: string }>("/register", {
      username: "carol",
      password: "pw",
      auth: { type: "m.login.dummy" },
    });
    const carol = new RawClient(exempting.url, viaHttp.body.access_token, viaHttp.body.user_id);
    const carolRoom = await createRoom(carol);
    expect(await statuses(9, () => send(carol, carolRoom))).toEqual([...ok(8), 429]);
  });
});

/** rc_message out of the way, to look at one other bucket. */
const ROOMY_MESSAGES = { message: { perSecond: 100, burst: 10_000 } };

describe("rc_joins and rc_joins_per_room", () => {
  it("allows 10 new joins (createRoom's included), then 429 for 10 s; rejoining a joined room is free", async () => {
    const server = await start(ROOMY_MESSAGES);
    const owner = await newUser(server, "owner");
    server.exemptFromRateLimits(owner.userId);
    const rooms: string[] = [];
    for (let i = 0; i < 11; i++) rooms.push(await createRoom(owner, { preset: "public_chat" }));
    const dave = await newUser(server, "dave");
    await createRoom(dave); // 1
    const joins: number[] = [];
    for (const roomId of rooms.slice(0, 10)) joins.push((await dave.post(`/join/${enc(roomId)}`)).status);
    expect(joins).toEqual([...ok(9), 429]);
    expect((await dave.post<ErrorBody>(`/rooms/${enc(rooms[9] as string)}/join`)).body).toEqual({ ...SYNAPSE_LIMIT, retry_after_ms: 10_000 });
    expect((await dave.post(`/join/${enc(rooms[0] as string)}`)).status).toBe(200); // already joined
    now += 10_000;
    expect((await dave.post(`/join/${enc(rooms[9] as string)}`)).status).toBe(200);
  });

  it("takes a join even when the auth rules then refuse it", async () => {
    const server = await start({ ...ROOMY_MESSAGES, joins: { perSecond: 0.1, burst: 2 } });
    const owner = await newUser(server, "owner");
    server.exemptFromRateLimits(owner.userId);
    const closed = await createRoom(owner, { preset: "private_chat" });
    const open = await createRoom(owner, { preset: "public_chat" });
    const erin = await newUser(server, "erin");
    expect((await erin.post(`/join/${enc(closed)}`)).status).toBe(403);
    expect((await erin.post(`/join/${enc(closed)}`)).status).toBe(403);
    expect((await erin.post(`/join/${enc(open)}`)).status).toBe(429);
  });

  it("refuses the next joiner once 10 joins reached one room within the second, exempt joiners counted", async () => {
    const server = await start(ROOMY_MESSAGES);
    const owner = await newUser(server, "owner");
    server.exemptFromRateLimits(owner.userId);
    const roomId = await createRoom(owner, { preset: "public_chat" }); // the creator's join: 1
    for (let i = 0; i < 9; i++) {
      const member = await newUser(server, `m${i}`);
      if (i % 2 === 0) server.exemptFromRateLimits(member.userId);
      expect((await member.post(`/join/${enc(roomId)}`)).status).toBe(200);
    }
    const late = await newUser(server, "late");
    expect((await late.post<ErrorBody>(`/join/${enc(roomId)}`)).body).toEqual({ ...SYNAPSE_LIMIT, retry_after_ms: 1000 });
    now += 1000;
    expect((await late.post(`/join/${enc(roomId)}`)).status).toBe(200);
  });
});

describe("rc_invites", () => {
  it("per issuer: 10 invites across rooms, then 429 (0.3/s)", async () => {
    const server = await start(ROOMY_MESSAGES);
    const owner = await newUser(server, "owner");
    const rooms = [await createRoom(owner), await createRoom(owner), await createRoom(owner)];
    const invitees: RawClient[] = [];
    for (let i = 0; i < 11; i++) invitees.push(await newUser(server, `guest${i}`));
    const results: number[] = [];
    for (const [i, invitee] of invitees.entries()) {
      const roomId = rooms[i < 5 ? 0 : i < 10 ? 1 : 2] as string;
      results.push((await owner.post(`/rooms/${enc(roomId)}/invite`, { user_id: invitee.userId })).status);
    }
    expect(results).toEqual([...ok(10), 429]);
    const again = await owner.post<ErrorBody>(`/rooms/${enc(rooms[2] as string)}/invite`, { user_id: invitees[10]?.userId });
    expect(again.body.retry_after_ms).toBe(3333); // int(1000 / 0.3)
  });

  it("per invitee first when one user is invited again and again (a no-op re-invite still costs)", async () => {
    const server = await start(ROOMY_MESSAGES);
    const owner = await newUser(server, "owner");
    const roomId = await createRoom(owner);
    const guest = await newUser(server, "guest");
    const results = await statuses(11, () => owner.post(`/rooms/${enc(roomId)}/invite`, { user_id: guest.userId }));
    // per_user (0.003/s, burst 5) refuses from the 6th; per_room, counted first, is full by the 11th.
    expect(results).toEqual([...ok(5), ...Array<number>(6).fill(429)]);
  });

  it("per room: 10 invites into one room, then 429", async () => {
    const server = await start(ROOMY_MESSAGES);
    const host = await newUser(server, "host");
    const room = await createRoom(host);
    const results: number[] = [];
    for (let i = 0; i < 11; i++) results.push((await host.post(`/rooms/${enc(room)}/invite`, { user_id: (await newUser(server, `g${i}`)).userId })).status);
    expect(results).toEqual([...ok(10), 429]);
  });

  it("per invitee: 5 invites to one user across rooms, then 429 for 333 s", async () => {
    const server = await start(ROOMY_MESSAGES);
    const guest = await newUser(server, "guest");
    const owners: RawClient[] = [];
    for (let i = 0; i < 6; i++) owners.push(await newUser(server, `owner${i}`));
    const results: number[] = [];
    for (const owner of owners) {
      const roomId = await createRoom(owner);
      results.push((await owner.post(`/rooms/${enc(roomId)}/invite`, { user_id: guest.userId })).status);
    }
    expect(results).toEqual([...ok(5), 429]);
    const sixth = owners[5] as RawClient;
    const roomId = (await sixth.get<{ joined_rooms: string[] }>("/joined_rooms")).body.joined_rooms[0] as string;
    expect((await sixth.post<ErrorBody>(`/rooms/${enc(roomId)}/invite`, { user_id: guest.userId })).body.retry_after_ms).toBe(333_333);
  });

  it("refuses a createRoom inviting more than the per-room burst with a plain 400; its invites cost nothing", async () => {
    const server = await start(ROOMY_MESSAGES);
    const owner = await newUser(server, "owner");
    const guests: string[] = [];
    for (let i = 0; i < 11; i++) guests.push((await newUser(server, `g${i}`)).userId);
    const refused = await owner.post<ErrorBody>("/createRoom", { invite: guests });
    expect([refused.status, refused.body]).toEqual([400, { errcode: "M_UNKNOWN", error: "Cannot invite so many users at once" }]);
    await createRoom(owner, { invite: guests.slice(0, 10) });
    const roomId = await createRoom(owner);
    expect((await owner.post(`/rooms/${enc(roomId)}/invite`, { user_id: guests[10] })).status).toBe(200);
  });
});
