// Conformance, with raw HTTP, of what Synapse 1.67 does with a lone UTF-16 surrogate escaped in a
// JSON body ("\ud83d", as JSON.stringify writes one), and with bodies that are not UTF-8. Every
// answer below was seen on a running Synapse 1.67 with curl (unencodable.ts, README).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestHomeserver } from "./index.ts";
import { createRoom, enc, newUser, txn, type ErrorBody, type RawClient } from "./raw-client.ts";

const INTERNAL = { errcode: "M_UNKNOWN", error: "Internal server error" };
const NOT_JSON = { errcode: "M_NOT_JSON", error: "Content not JSON." };
const HIGH = "\ud83d";
const LOW = "\ude00";

let hs: TestHomeserver;
let alice: RawClient;
let roomId: string;
beforeAll(async () => {
  hs = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
  alice = await newUser(hs, "alice");
  roomId = await createRoom(alice, { name: "Salon" });
});
afterAll(() => hs.close());

const sendPath = (room: string, txnId = txn()): string => `/rooms/${enc(room)}/send/m.room.message/${txnId}`;
const messages = (room: string) => hs.roomEvents(room).filter((event) => event.type === "m.room.message");
const joinedRooms = async (client: RawClient): Promise<string[]> =>
  (await client.get<{ joined_rooms: string[] }>("/joined_rooms")).body.joined_rooms;

describe("a lone surrogate in an event", () => {
  it("is written as an escape by JSON.stringify, which is how a JavaScript client sends it", () => {
    expect(JSON.stringify({ body: `a${HIGH}` })).toBe('{"body":"a\\ud83d"}');
  });

  it("fails a message with 500 M_UNKNOWN, stores nothing, and fails again on a retry of the same transaction", async () => {
    const path = sendPath(roomId);
    for (const content of [{ msgtype: "m.text", body: `a${HIGH} b` }, { msgtype: "m.text", body: LOW }, { msgtype: "m.text", body: "x", [`k${HIGH}`]: 1 }]) {
      const refused = await alice.put<ErrorBody>(sendPath(roomId), content);
      expect([refused.status, refused.body]).toEqual([500, INTERNAL]);
    }
    const first = await alice.put<ErrorBody>(path, { msgtype: "m.text", body: HIGH });
    const retry = await alice.put<ErrorBody>(path, { msgtype: "m.text", body: HIGH });
    expect([first.status, retry.status]).toEqual([500, 500]);
    expect(messages(roomId)).toHaveLength(0);
    // A surrogate pair is a character like any other; nested values are checked as well.
    expect((await alice.put(sendPath(roomId), { msgtype: "m.text", body: "\ud83d\ude00" })).status).toBe(200);
    const nested = await alice.put<ErrorBody>(sendPath(roomId), { msgtype: "m.text", body: "ok", "m.relates_to": { rel_type: "m.reference", event_id: `$${HIGH}` } });
    expect(nested.status).toBe(500);
    expect(messages(roomId).map((event) => event.content["body"])).toEqual(["\ud83d\ude00"]);
  });

  it("fails before the membership check and the size limit, but after the unknown-room check", async () => {
    const bob = await newUser(hs, "bob");
    const outsider = await bob.put<ErrorBody>(sendPath(roomId), { msgtype: "m.text", body: HIGH });
    expect([outsider.status, outsider.body]).toEqual([500, INTERNAL]);
    const nowhere = await alice.put<ErrorBody>(sendPath("!nowhere:minou.test"), { msgtype: "m.text", body: HIGH });
    expect([nowhere.status, nowhere.body.errcode]).toEqual([403, "M_FORBIDDEN"]);
    const huge = await alice.put<ErrorBody>(sendPath(roomId), { msgtype: "m.text", body: `${HIGH}${"x".repeat(70_000)}` });
    expect([huge.status, huge.body]).toEqual([500, INTERNAL]);
  });

  it("fails state events, membership reasons and redaction reasons alike", async () => {
    const room = await createRoom(alice);
    for (const [type, content] of [
      ["m.room.topic", { topic: HIGH }],
      ["m.room.name", { name: HIGH }],
      ["m.room.pinned_events", { pinned: [`$${HIGH}`] }],
      ["m.room.power_levels", { users: { [alice.userId]: 100, [HIGH]: 50 } }],
    ] as const) {
      const refused = await alice.put<ErrorBody>(`/rooms/${enc(room)}/state/${type}`, content);
      expect([type, refused.status, refused.body]).toEqual([type, 500, INTERNAL]);
    }
    const keyed = await alice.put(`/rooms/${enc(room)}/state/fr.test/k`, { x: LOW });
    expect(keyed.status).toBe(500);
    const eventId = (await alice.put<{ event_id: string }>(sendPath(room), { msgtype: "m.text", body: "ok" })).body.event_id;
    const redaction = await alice.put<ErrorBody>(`/rooms/${enc(room)}/redact/${enc(eventId)}/${txn()}`, { reason: HIGH });
    expect([redaction.status, redaction.body]).toEqual([500, INTERNAL]);
    expect(hs.roomEvents(room).find((event) => event.event_id === eventId)?.content).toEqual({ msgtype: "m.text", body: "ok" });
    const leave = await alice.post<ErrorBody>(`/rooms/${enc(room)}/leave`, { reason: HIGH });
    expect([leave.status, leave.body]).toEqual([500, INTERNAL]);
    expect(hs.stateContent(room, "m.room.member", alice.userId)?.["membership"]).toBe("join");
  });

  it("is not counted against rc_message, which still refuses first", async () => {
    let now = 1_000_000;
    const limited = await TestHomeserver.start({ rateLimits: { now: () => now } });
    try {
      const carol = await newUser(limited, "carol");
      const room = await createRoom(carol);
      now += 60_000;
      for (let i = 0; i < 12; i += 1) expect((await carol.put(sendPath(room), { msgtype: "m.text", body: HIGH })).status).toBe(500);
      for (let i = 0; i < 10; i += 1) expect((await carol.put(sendPath(room), { msgtype: "m.text", body: "x" })).status).toBe(200);
      // Synapse checks the bucket (update=False) before it builds the event.
      const refused = await carol.put<ErrorBody>(sendPath(room), { msgtype: "m.text", body: HIGH });
      expect([refused.status, refused.body.errcode]).toEqual([429, "M_LIMIT_EXCEEDED"]);
    } finally {
      await limited.close();
    }
  });
});

describe("a lone surrogate in createRoom", () => {
  it("answers 500 and leaves the room as far as Synapse got: the creator joined, no name, no invite", async () => {
    const dana = await newUser(hs, "dana");
    const before = await joinedRooms(alice);
    const refused = await alice.post<ErrorBody>("/createRoom", { preset: "public_chat", visibility: "public", room_alias_name: "coupe", name: `Salon ${HIGH}`, invite: [dana.userId] });
    expect([refused.status, refused.body]).toEqual([500, INTERNAL]);
    const [partial, ...others] = (await joinedRooms(alice)).filter((id) => !before.includes(id));
    expect(others).toEqual([]);
    const room = partial ?? "";
    const types = hs.roomEvents(room).map((event) => event.type);
    expect(types.slice(0, 4)).toEqual(["m.room.create", "m.room.member", "m.room.power_levels", "m.room.canonical_alias"]);
    expect(types).not.toContain("m.room.name");
    expect((await alice.get<{ room_id: string }>(`/directory/room/${enc("#coupe:minou.test")}`)).body.room_id).toBe(room);
    expect((await alice.get<{ chunk: Array<{ room_id: string }> }>("/publicRooms")).body.chunk.map((entry) => entry.room_id)).toContain(room);
    expect(hs.stateContent(room, "m.room.member", dana.userId)).toBeUndefined();
  });

  it("fails in initial_state after the preset's events, and in creation_content with no room at all", async () => {
    const before = await joinedRooms(alice);
    const encryption = await alice.post<ErrorBody>("/createRoom", { initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: HIGH } }], name: "Jamais" });
    expect([encryption.status, encryption.body]).toEqual([500, INTERNAL]);
    const partial = (await joinedRooms(alice)).filter((id) => !before.includes(id));
    expect(partial).toHaveLength(1);
    expect(hs.roomEvents(partial[0] ?? "").map((event) => event.type)).toEqual([
      "m.room.create",
      "m.room.member",
      "m.room.power_levels",
      "m.room.join_rules",
      "m.room.history_visibility",
      "m.room.guest_access",
    ]);

    const creation = await alice.post<ErrorBody>("/createRoom", { creation_content: { note: HIGH } });
    expect([creation.status, creation.body]).toEqual([500, INTERNAL]);
    expect(await joinedRooms(alice)).toHaveLength(before.length + 1);
  });
});

describe("a lone surrogate elsewhere", () => {
  it("is kept in account data (global and per room) and comes back escaped, in GET and in /sync", async () => {
    const path = `/user/${enc(alice.userId)}/account_data/m.direct`;
    expect((await alice.put(path, { "@x:minou.test": [`!a${HIGH}`] })).status).toBe(200);
    const read = await alice.request("GET", path);
    expect(read.body).toEqual({ "@x:minou.test": [`!a${HIGH}`] });
    expect((await alice.put(`/user/${enc(alice.userId)}/rooms/${enc(roomId)}/account_data/fr.test`, { a: HIGH })).status).toBe(200);
    const response = await fetch(`${hs.url}/_matrix/client/v3/sync`, { headers: { Authorization: `Bearer ${alice.accessToken ?? ""}` } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('"!a\\ud83d"');
  });

  it("is delivered in a to-device message", async () => {
    const sent = await alice.put(`/sendToDevice/fr.test/${txn()}`, { messages: { [alice.userId]: { [alice.deviceId]: { x: HIGH } } } });
    expect(sent.status).toBe(200);
    const sync = await alice.get<{ to_device?: { events: Array<{ content: unknown }> } }>("/sync");
    expect(sync.body.to_device?.events.map((event) => event.content)).toContainEqual({ x: HIGH });
  });

  it("fails a filter and a profile change with 500, leaving the profile as it was", async () => {
    const filter = await alice.post<ErrorBody>(`/user/${enc(alice.userId)}/filter`, { room: { timeline: { types: [HIGH] } } });
    expect([filter.status, filter.body]).toEqual([500, INTERNAL]);
    const name = await alice.put<ErrorBody>(`/profile/${enc(alice.userId)}/displayname`, { displayname: HIGH });
    expect([name.status, name.body]).toEqual([500, INTERNAL]);
    expect((await alice.get(`/profile/${enc(alice.userId)}`)).body).toEqual({ displayname: "alice" });
  });
});

describe("a body that is not UTF-8", () => {
  it("is not JSON: a surrogate encoded as bytes, any invalid byte, a byte-order mark", async () => {
    for (const bytes of [
      Buffer.from([...Buffer.from('{"msgtype":"m.text","body":"'), 0xed, 0xa0, 0xbd, ...Buffer.from('"}')]),
      Buffer.from([...Buffer.from('{"msgtype":"m.text","body":"'), 0xff, ...Buffer.from('"}')]),
      Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('{"msgtype":"m.text","body":"bom"}')]),
    ]) {
      const refused = await alice.request<ErrorBody>("PUT", sendPath(roomId), { rawBody: bytes, contentType: "application/json" });
      expect([refused.status, refused.body]).toEqual([400, NOT_JSON]);
    }
    const accountData = await alice.request<ErrorBody>("PUT", `/user/${enc(alice.userId)}/account_data/fr.test`, {
      rawBody: Buffer.from([...Buffer.from('{"a":"'), 0xed, 0xa0, 0xbd, ...Buffer.from('"}')]),
      contentType: "application/json",
    });
    expect([accountData.status, accountData.body]).toEqual([400, NOT_JSON]);
  });
});
