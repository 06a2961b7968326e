// Conformance, with raw HTTP, of GET /sync (spec: sync.yaml): initial and incremental syncs,
// long-polling, limited timelines, the invite/join/leave sections, filters and account data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestHomeserver, type StrippedStateEvent, type SyncEvent } from "./index.ts";
import { createRoom, enc, newUser, secondDevice, sendMessage, txn, type RawClient } from "./raw-client.ts";

interface RoomSection {
  state: { events: SyncEvent[] };
  timeline: { events: SyncEvent[]; limited: boolean; prev_batch: string };
  account_data: { events: Array<{ type: string; content: unknown }> };
  summary: Record<string, unknown>;
}

interface SyncBody {
  next_batch: string;
  account_data: { events: Array<{ type: string; content: unknown }> };
  rooms: {
    join: Record<string, RoomSection>;
    invite: Record<string, { invite_state: { events: StrippedStateEvent[] } }>;
    leave: Record<string, RoomSection>;
  };
}

let hs: TestHomeserver;
let alice: RawClient;
let bob: RawClient;
beforeAll(async () => {
  // Rate limits are conformance-ratelimits.test.ts's subject; here every registered account is exempt.
  hs = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
  alice = await newUser(hs, "alice");
  bob = await newUser(hs, "bob");
});
afterAll(() => hs.close());

async function sync(client: RawClient, query: Record<string, string> = {}): Promise<SyncBody> {
  const res = await client.get<SyncBody>(`/sync?${new URLSearchParams(query).toString()}`);
  if (res.status !== 200) throw new Error(`sync failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const text = (body: string) => ({ msgtype: "m.text", body });
const limitFilter = (limit: number): string => JSON.stringify({ room: { timeline: { limit } } });

describe("initial sync", () => {
  it("returns joined rooms with the state before the timeline and the last events", async () => {
    const roomId = await createRoom(alice, { preset: "private_chat", name: "Salon" });
    for (let i = 0; i < 4; i++) await sendMessage(alice, roomId, text(`m${i}`));
    const body = await sync(alice, { filter: limitFilter(3) });
    expect(body.next_batch).toEqual(expect.any(String));
    const room = body.rooms.join[roomId];
    expect(room?.timeline.events.map((e) => (e.content as { body: string }).body)).toEqual(["m1", "m2", "m3"]);
    expect(room?.timeline.limited).toBe(true);
    expect(room?.timeline.prev_batch).toEqual(expect.any(String));
    const stateTypes = room?.state.events.map((e) => e.type) ?? [];
    expect(stateTypes).toEqual(expect.arrayContaining(["m.room.create", "m.room.member", "m.room.power_levels", "m.room.name"]));
    // Sync events carry no room_id (spec: ClientEventWithoutRoomID).
    expect(room?.timeline.events[0]).not.toHaveProperty("room_id");
    // Synapse 1.67 fills the summary only for clients that lazy-load members.
    expect(room?.summary).toEqual({});
    const lazy = await sync(alice, { filter: JSON.stringify({ room: { timeline: { limit: 3 }, state: { lazy_load_members: true } } }) });
    expect(lazy.rooms.join[roomId]?.summary).toMatchObject({ "m.joined_member_count": 1, "m.invited_member_count": 0 });

    // prev_batch continues backwards with /messages right before the timeline.
    const older = await alice.get<{ chunk: SyncEvent[] }>(`/rooms/${enc(roomId)}/messages?dir=b&limit=1&from=${room?.timeline.prev_batch}`);
    expect((older.body.chunk[0]?.content as { body: string }).body).toBe("m0");
  });

  it("puts a state event either in the timeline or in state, never both", async () => {
    const roomId = await createRoom(alice);
    await alice.put(`/rooms/${enc(roomId)}/state/m.room.topic`, { topic: "avant" });
    await alice.put(`/rooms/${enc(roomId)}/state/m.room.topic`, { topic: "après" });
    const room = (await sync(alice, { filter: limitFilter(1) })).rooms.join[roomId];
    expect(room?.timeline.events.map((e) => e.content)).toEqual([{ topic: "après" }]);
    // The state is the state at the start of the timeline: the earlier topic.
    expect(room?.state.events.find((e) => e.type === "m.room.topic")?.content).toEqual({ topic: "avant" });
  });

  it("honours a stored filter ID and rejects unknown ones", async () => {
    const roomId = await createRoom(alice);
    const { body } = await alice.post<{ filter_id: string }>(`/user/${enc(alice.userId)}/filter`, { room: { timeline: { limit: 2 } } });
    const room = (await sync(alice, { filter: body.filter_id })).rooms.join[roomId];
    expect(room?.timeline.events).toHaveLength(2);
    expect((await alice.get("/sync?filter=4242")).status).toBe(400);
  });
});

describe("incremental sync", () => {
  it("returns only new events, and transaction_id only to the sending device", async () => {
    const roomId = await createRoom(alice);
    const { next_batch: since } = await sync(alice);
    const txnId = txn();
    const sent = await alice.put<{ event_id: string }>(`/rooms/${enc(roomId)}/send/m.room.message/${txnId}`, text("nouveau"));
    const delta = await sync(alice, { since });
    expect(Object.keys(delta.rooms.join)).toEqual([roomId]);
    const timeline = delta.rooms.join[roomId]?.timeline;
    expect(timeline?.events.map((e) => e.event_id)).toEqual([sent.body.event_id]);
    expect(timeline?.limited).toBe(false);
    expect(timeline?.events[0]?.unsigned?.transaction_id).toBe(txnId);
    expect(delta.rooms.join[roomId]?.state.events).toEqual([]);

    const otherDevice = await secondDevice(hs, "alice");
    const seenElsewhere = await sync(otherDevice, { since });
    expect(seenElsewhere.rooms.join[roomId]?.timeline.events[0]?.unsigned).not.toHaveProperty("transaction_id");
  });

  it("waits for news when long-polling and wakes on a new event", async () => {
    const roomId = await createRoom(alice);
    const { next_batch: since } = await sync(alice);
    const started = Date.now();
    const pending = sync(alice, { since, timeout: "10000" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const eventId = await sendMessage(alice, roomId, text("réveil"));
    const body = await pending;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(body.rooms.join[roomId]?.timeline.events.map((e) => e.event_id)).toEqual([eventId]);
  });

  it("returns an empty response with a fresh token when the timeout passes", async () => {
    const { next_batch: since } = await sync(bob);
    const started = Date.now();
    const body = await sync(bob, { since, timeout: "200" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(body.rooms.join).toEqual({});
    expect(body.next_batch).toEqual(expect.any(String));
  });

  it("marks a gap as limited and fills state with what changed in it", async () => {
    const roomId = await createRoom(alice);
    const { next_batch: since } = await sync(alice);
    await alice.put(`/rooms/${enc(roomId)}/state/m.room.name`, { name: "Pendant le trou" });
    for (let i = 0; i < 5; i++) await sendMessage(alice, roomId, text(`g${i}`));
    const room = (await sync(alice, { since, filter: limitFilter(2) })).rooms.join[roomId];
    expect(room?.timeline.limited).toBe(true);
    expect(room?.timeline.events.map((e) => (e.content as { body: string }).body)).toEqual(["g3", "g4"]);
    expect(room?.state.events.map((e) => [e.type, e.content])).toEqual([["m.room.name", { name: "Pendant le trou" }]]);
    const gap = await alice.get<{ chunk: SyncEvent[] }>(`/rooms/${enc(roomId)}/messages?dir=b&limit=10&from=${room?.timeline.prev_batch}&to=${since}`);
    expect(gap.body.chunk).toHaveLength(4); // g2, g1, g0 and the name change

    const full = (await sync(alice, { since: (await sync(alice)).next_batch, full_state: "true" })).rooms.join[roomId];
    expect(full?.state.events.map((e) => e.type)).toEqual(expect.arrayContaining(["m.room.create", "m.room.name"]));
  });

  it("reports account data changes, global and per room", async () => {
    const roomId = await createRoom(bob);
    const { next_batch: since } = await sync(bob);
    await bob.put(`/user/${enc(bob.userId)}/account_data/m.direct`, { [alice.userId]: [roomId] });
    await bob.put(`/user/${enc(bob.userId)}/rooms/${enc(roomId)}/account_data/m.tag`, { tags: { "m.favourite": {} } });
    const body = await sync(bob, { since });
    expect(body.account_data.events).toEqual([{ type: "m.direct", content: { [alice.userId]: [roomId] } }]);
    expect(body.rooms.join[roomId]?.account_data.events).toEqual([{ type: "m.tag", content: { tags: { "m.favourite": {} } } }]);
    expect(body.rooms.join[roomId]?.timeline.events).toEqual([]);
  });
});

describe("invite, join and leave sections", () => {
  it("follows a user from invite to join to kick, and forgets the room afterwards", async () => {
    const carol = await newUser(hs, "carol");
    const roomId = await createRoom(alice, { preset: "private_chat", name: "Conseil" });
    let since = (await sync(carol)).next_batch;

    await alice.post(`/rooms/${enc(roomId)}/invite`, { user_id: carol.userId });
    const invited = await sync(carol, { since, timeout: "5000" });
    const inviteState = invited.rooms.invite[roomId]?.invite_state.events ?? [];
    expect(inviteState.map((e) => e.type)).toEqual(expect.arrayContaining(["m.room.create", "m.room.join_rules", "m.room.name"]));
    const inviteEvent = inviteState.find((e) => e.type === "m.room.member" && e.state_key === carol.userId);
    expect(inviteEvent).toEqual({ type: "m.room.member", state_key: carol.userId, sender: alice.userId, content: { membership: "invite", displayname: "carol" } });
    for (const event of inviteState) expect(Object.keys(event).sort()).toEqual(["content", "sender", "state_key", "type"]);
    expect(invited.rooms.join).toEqual({});
    since = invited.next_batch;
    expect((await sync(carol, { since })).rooms.invite).toEqual({}); // shown once

    const earlier = await sendMessage(alice, roomId, text("avant l'arrivée"));
    await carol.post(`/rooms/${enc(roomId)}/join`);
    // A room joined since the last sync comes whole: state at the start of a (limited) timeline.
    const joined = await sync(carol, { since, filter: limitFilter(3) });
    const room = joined.rooms.join[roomId];
    expect(room?.timeline.limited).toBe(true);
    expect(room?.state.events.map((e) => e.type)).toEqual(expect.arrayContaining(["m.room.create", "m.room.power_levels"]));
    expect(room?.timeline.events.map((e) => e.event_id)).toContain(earlier); // history_visibility "shared"
    expect(room?.timeline.events.at(-1)).toMatchObject({ type: "m.room.member", state_key: carol.userId, content: { membership: "join" } });
    since = joined.next_batch;

    await alice.post(`/rooms/${enc(roomId)}/kick`, { user_id: carol.userId, reason: "fin" });
    await sendMessage(alice, roomId, text("après le départ"));
    const left = await sync(carol, { since });
    expect(left.rooms.join).toEqual({});
    const leave = left.rooms.leave[roomId];
    expect(leave?.timeline.events.at(-1)).toMatchObject({ type: "m.room.member", state_key: carol.userId, sender: alice.userId, content: { membership: "leave" } });
    expect(leave?.timeline.events.map((e) => (e.content as { body?: string }).body)).not.toContain("après le départ");
    since = left.next_batch;
    await sendMessage(alice, roomId, text("encore"));
    const after = await sync(carol, { since });
    expect(after.rooms.leave).toEqual({});
    expect(after.rooms.join).toEqual({});
    // An initial sync leaves out rooms the user left unless the filter asks for them.
    expect((await sync(carol)).rooms.leave).toEqual({});
    const withLeave = await sync(carol, { filter: JSON.stringify({ room: { include_leave: true } }) });
    expect(Object.keys(withLeave.rooms.leave)).toEqual([roomId]);
  });

  it("shows a rejected invite once under leave", async () => {
    const dan = await newUser(hs, "dan");
    const roomId = await createRoom(alice, { invite: [dan.userId] });
    const { next_batch: since } = await sync(dan);
    await dan.post(`/rooms/${enc(roomId)}/leave`);
    const body = await sync(dan, { since });
    expect(body.rooms.leave[roomId]?.timeline.events).toHaveLength(1);
    expect(body.rooms.leave[roomId]?.state.events).toEqual([]);
  });
});

describe("scale", () => {
  // How fast: npm run bench:startup prints the time to set up its 1,000 rooms.
  it("serves 1,000 sequential round trips and an initial sync of 1,000 joined rooms", async () => {
    const bot = await newUser(hs, "bot");
    for (let i = 0; i < 1000; i++) await createRoom(bot, { name: `Salle ${i}` });
    const body = await sync(bot, { filter: limitFilter(20) });
    expect(Object.keys(body.rooms.join)).toHaveLength(1000);
  });
});
