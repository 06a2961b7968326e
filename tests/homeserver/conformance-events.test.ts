// Conformance, with raw HTTP, of sending and reading events: transaction idempotency, /event,
// /messages pagination, redaction (rooms/v10 algorithm) and relations (spec: room_send.yaml,
// message_pagination.yaml, redaction.yaml, relations.yaml).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestHomeserver, type ClientEvent } from "./index.ts";
import { createRoom, enc, newUser, secondDevice, sendMessage, txn, type ErrorBody, type RawClient } from "./raw-client.ts";

let hs: TestHomeserver;
let alice: RawClient;
let bob: RawClient;
let roomId: string;
beforeAll(async () => {
  // Rate limits are conformance-ratelimits.test.ts's subject; here every registered account is exempt.
  hs = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
  alice = await newUser(hs, "alice");
  bob = await newUser(hs, "bob");
  roomId = await createRoom(alice, { preset: "public_chat" });
  await bob.post(`/rooms/${enc(roomId)}/join`);
});
afterAll(() => hs.close());

interface MessagesPage {
  chunk: ClientEvent[];
  start: string;
  end?: string;
}

const text = (body: string) => ({ msgtype: "m.text", body });

describe("sending", () => {
  it("returns the same event for a retried transaction ID on the same device only", async () => {
    const room = await createRoom(alice);
    const path = `/rooms/${enc(room)}/send/m.room.message/${txn()}`;
    const first = await alice.put<{ event_id: string }>(path, text("une fois"));
    const retry = await alice.put<{ event_id: string }>(path, text("une fois"));
    expect(first.status).toBe(200);
    expect(retry.body.event_id).toBe(first.body.event_id);
    const page = await alice.get<MessagesPage>(`/rooms/${enc(room)}/messages?dir=b&limit=50`);
    expect(page.body.chunk.filter((e) => e.type === "m.room.message")).toHaveLength(1);

    // Spec (v1.7+): transaction IDs are scoped to the device, not the user.
    const otherDevice = await secondDevice(hs, "alice");
    const elsewhere = await otherDevice.put<{ event_id: string }>(path, text("une fois"));
    expect(elsewhere.body.event_id).not.toBe(first.body.event_id);
    expect(hs.roomEvents(room).filter((e) => e.type === "m.room.message")).toHaveLength(2);
  });

  it("refuses non-members, unknown rooms and oversized events", async () => {
    const carol = await newUser(hs, "carol");
    const outsider = await carol.put<ErrorBody>(`/rooms/${enc(roomId)}/send/m.room.message/${txn()}`, text("x"));
    expect([outsider.status, outsider.body.errcode]).toEqual([403, "M_FORBIDDEN"]);
    const unknown = await alice.put(`/rooms/${enc("!nowhere:minou.test")}/send/m.room.message/${txn()}`, text("x"));
    expect(unknown.status).toBe(403);
    const huge = await alice.put<ErrorBody>(`/rooms/${enc(roomId)}/send/m.room.message/${txn()}`, text("x".repeat(70_000)));
    expect([huge.status, huge.body.errcode]).toEqual([413, "M_TOO_LARGE"]);
    const notJson = await alice.request<ErrorBody>("PUT", `/rooms/${enc(roomId)}/send/m.room.message/${txn()}`);
    expect([notJson.status, notJson.body.errcode]).toEqual([400, "M_NOT_JSON"]);
  });

  it("measures the size limit in UTF-8 bytes of the whole event, as Synapse does", async () => {
    // Synapse: len(encode_canonical_json(event.get_pdu_json())) > MAX_PDU_SIZE (65536) → 413.
    const path = () => `/rooms/${enc(roomId)}/send/m.room.message/${txn()}`;
    const accepted = await alice.put(path(), text("é".repeat(30_000)));
    expect(accepted.status).toBe(200);
    const refused = await alice.put<ErrorBody>(path(), text("é".repeat(33_000)));
    expect([refused.status, refused.body.errcode, refused.body.error]).toEqual([413, "M_TOO_LARGE", "event too large"]);
    const withHtml = await alice.put<ErrorBody>(path(), { ...text("x".repeat(33_000)), format: "org.matrix.custom.html", formatted_body: "x".repeat(33_000) });
    expect(withHtml.status).toBe(413);
  });

  it("fetches a single event in client format", async () => {
    const eventId = await sendMessage(alice, roomId, text("bonjour"));
    const res = await bob.get<ClientEvent>(`/rooms/${enc(roomId)}/event/${enc(eventId)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      event_id: eventId,
      room_id: roomId,
      sender: alice.userId,
      type: "m.room.message",
      content: text("bonjour"),
      origin_server_ts: expect.any(Number),
      unsigned: { age: expect.any(Number) },
    });
    expect(res.body.unsigned).not.toHaveProperty("transaction_id"); // bob's device did not send it
    const missing = await bob.get<ErrorBody>(`/rooms/${enc(roomId)}/event/${enc("$missing")}`);
    expect([missing.status, missing.body.errcode]).toEqual([404, "M_NOT_FOUND"]);
  });

  it("gives state events prev_content when they replace earlier state", async () => {
    await alice.put(`/rooms/${enc(roomId)}/state/m.room.topic`, { topic: "un" });
    const second = await alice.put<{ event_id: string }>(`/rooms/${enc(roomId)}/state/m.room.topic`, { topic: "deux" });
    const event = await alice.get<ClientEvent>(`/rooms/${enc(roomId)}/event/${enc(second.body.event_id)}`);
    expect(event.body).toMatchObject({ state_key: "", unsigned: { prev_content: { topic: "un" } } });
  });
});

describe("/messages", () => {
  it("paginates backwards and forwards with tokens, limit and filter", async () => {
    const room = await createRoom(alice);
    const sent: string[] = [];
    for (let i = 0; i < 7; i++) sent.push(await sendMessage(alice, room, text(`m${i}`)));
    const messagesOnly = enc(JSON.stringify({ types: ["m.room.message"] }));

    const first = await alice.get<MessagesPage>(`/rooms/${enc(room)}/messages?dir=b&limit=3&filter=${messagesOnly}`);
    expect(first.status).toBe(200);
    expect(first.body.chunk.map((e) => e.event_id)).toEqual([sent[6], sent[5], sent[4]]);
    expect(typeof first.body.start).toBe("string");
    const second = await alice.get<MessagesPage>(`/rooms/${enc(room)}/messages?dir=b&limit=3&from=${first.body.end}&filter=${messagesOnly}`);
    expect(second.body.chunk.map((e) => e.event_id)).toEqual([sent[3], sent[2], sent[1]]);
    const rest = await alice.get<MessagesPage>(`/rooms/${enc(room)}/messages?dir=b&limit=50&from=${second.body.end}`);
    expect(rest.body.chunk[0]?.event_id).toBe(sent[0]);
    expect(rest.body.chunk.at(-1)?.type).toBe("m.room.create");
    expect(rest.body).not.toHaveProperty("end"); // reached the start of the room

    // A token is a position between events: forwards from where the backward page stopped.
    const forward = await alice.get<MessagesPage>(`/rooms/${enc(room)}/messages?dir=f&limit=3&from=${second.body.end}&filter=${messagesOnly}`);
    expect(forward.body.chunk.map((e) => e.event_id)).toEqual([sent[1], sent[2], sent[3]]);
    expect(typeof forward.body.end).toBe("string");
    const bounded = await alice.get<MessagesPage>(`/rooms/${enc(room)}/messages?dir=b&from=${first.body.start}&to=${first.body.end}`);
    expect(bounded.body.chunk.map((e) => e.event_id)).toEqual([sent[6], sent[5], sent[4]]);
    expect((await alice.get(`/rooms/${enc(room)}/messages?dir=x`)).status).toBe(400);
    expect((await bob.get(`/rooms/${enc(room)}/messages?dir=b`)).status).toBe(403);
  });

  it("returns the surrounding events with /context", async () => {
    const room = await createRoom(alice);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await sendMessage(alice, room, text(`c${i}`)));
    const res = await alice.get<{ event: ClientEvent; events_before: ClientEvent[]; events_after: ClientEvent[]; state: unknown[] }>(
      `/rooms/${enc(room)}/context/${enc(ids[2] ?? "")}?limit=2`,
    );
    expect(res.body.event.event_id).toBe(ids[2]);
    expect(res.body.events_before.map((e) => e.event_id)).toEqual([ids[1]]);
    expect(res.body.events_after.map((e) => e.event_id)).toEqual([ids[3]]);
    expect(res.body.state.length).toBeGreaterThan(0);
  });
});

describe("redaction", () => {
  it("strips content, records redacted_because and shows the redaction with `redacts`", async () => {
    const eventId = await sendMessage(bob, roomId, text("à effacer"));
    const res = await bob.put<{ event_id: string }>(`/rooms/${enc(roomId)}/redact/${enc(eventId)}/${txn()}`, { reason: "oups" });
    expect(res.status).toBe(200);
    const redacted = await alice.get<ClientEvent>(`/rooms/${enc(roomId)}/event/${enc(eventId)}`);
    expect(redacted.body.content).toEqual({});
    expect(redacted.body.unsigned?.redacted_because).toMatchObject({ event_id: res.body.event_id, type: "m.room.redaction" });
    const redaction = await alice.get<ClientEvent>(`/rooms/${enc(roomId)}/event/${enc(res.body.event_id)}`);
    expect(redaction.body).toMatchObject({ redacts: eventId, content: { redacts: eventId, reason: "oups" }, sender: bob.userId });
  });

  it("keeps the keys the room version protects", async () => {
    const room = await createRoom(alice, { preset: "public_chat" });
    await bob.post(`/rooms/${enc(room)}/join`);
    const member = hs.roomEvents(room).find((e) => e.type === "m.room.member" && e.state_key === bob.userId);
    await alice.put(`/rooms/${enc(room)}/redact/${enc(member?.event_id ?? "")}/${txn()}`, {});
    expect(hs.stateContent(room, "m.room.member", bob.userId)).toEqual({ membership: "join" });
    const levels = hs.roomEvents(room).find((e) => e.type === "m.room.power_levels");
    await alice.put(`/rooms/${enc(room)}/redact/${enc(levels?.event_id ?? "")}/${txn()}`, {});
    // Room v10 keeps ban/events/kick/redact/state_default/users…, not `invite`.
    expect(hs.stateContent(room, "m.room.power_levels")).toMatchObject({ users: { [alice.userId]: 100 }, kick: 50 });
    expect(hs.stateContent(room, "m.room.power_levels")).not.toHaveProperty("invite");
  });

  it("lets only moderators redact other people's events", async () => {
    const aliceEvent = await sendMessage(alice, roomId, text("modéré ?"));
    const refused = await bob.put<ErrorBody>(`/rooms/${enc(roomId)}/redact/${enc(aliceEvent)}/${txn()}`, {});
    expect([refused.status, refused.body.errcode]).toEqual([403, "M_FORBIDDEN"]);
    const bobEvent = await sendMessage(bob, roomId, text("à modérer"));
    expect((await alice.put(`/rooms/${enc(roomId)}/redact/${enc(bobEvent)}/${txn()}`, {})).status).toBe(200);
    const create = hs.roomEvents(roomId)[0]?.event_id ?? "";
    expect((await alice.put(`/rooms/${enc(roomId)}/redact/${enc(create)}/${txn()}`, {})).status).toBe(403);
    expect((await bob.put(`/rooms/${enc(roomId)}/redact/${enc("$unknown")}/${txn()}`, {})).status).toBe(404);
  });
});

describe("relations", () => {
  it("lists children newest first, filtered by rel_type and event type, with pagination", async () => {
    const parent = await sendMessage(alice, roomId, text("Sondage"));
    const reactions: string[] = [];
    for (const key of ["👍", "✅", "🎉"]) {
      reactions.push(await sendMessage(bob, roomId, { "m.relates_to": { rel_type: "m.annotation", event_id: parent, key } }, "m.reaction"));
    }
    const reference = await sendMessage(bob, roomId, { body: "vote", "m.relates_to": { rel_type: "m.reference", event_id: parent } });
    const reply = await sendMessage(bob, roomId, { ...text("réponse"), "m.relates_to": { "m.in_reply_to": { event_id: parent } } });
    const base = `/_matrix/client/v1/rooms/${enc(roomId)}/relations/${enc(parent)}`;

    const all = await alice.get<{ chunk: ClientEvent[]; next_batch?: string }>(base);
    expect(all.status).toBe(200);
    expect(all.body.chunk.map((e) => e.event_id)).toEqual([reference, ...[...reactions].reverse()]);
    expect(all.body.chunk.map((e) => e.event_id)).not.toContain(reply); // m.in_reply_to is not a relation

    const annotations = await alice.get<{ chunk: ClientEvent[]; next_batch?: string }>(`${base}/m.annotation?limit=2`);
    expect(annotations.body.chunk.map((e) => e.event_id)).toEqual([reactions[2], reactions[1]]);
    const next = await alice.get<{ chunk: ClientEvent[]; next_batch?: string }>(`${base}/m.annotation?limit=2&from=${annotations.body.next_batch}`);
    expect(next.body.chunk.map((e) => e.event_id)).toEqual([reactions[0]]);
    expect(next.body).not.toHaveProperty("next_batch");
    const forward = await alice.get<{ chunk: ClientEvent[] }>(`${base}/m.annotation?dir=f`);
    expect(forward.body.chunk.map((e) => e.event_id)).toEqual(reactions);

    const byType = await alice.get<{ chunk: ClientEvent[] }>(`${base}/m.reference/m.room.message`);
    expect(byType.body.chunk.map((e) => e.event_id)).toEqual([reference]);
    expect((await alice.get<{ chunk: ClientEvent[] }>(`${base}/m.reference/m.reaction`)).body.chunk).toEqual([]);

    // A redacted reaction loses its m.relates_to and so leaves the relations.
    await bob.put(`/rooms/${enc(roomId)}/redact/${enc(reactions[1] ?? "")}/${txn()}`, {});
    const afterRedaction = await alice.get<{ chunk: ClientEvent[] }>(`${base}/m.annotation`);
    expect(afterRedaction.body.chunk.map((e) => e.event_id)).toEqual([reactions[2], reactions[0]]);

    const missing = await alice.get<ErrorBody>(`/_matrix/client/v1/rooms/${enc(roomId)}/relations/${enc("$nope")}`);
    expect([missing.status, missing.body.errcode]).toEqual([404, "M_NOT_FOUND"]);
  });
});
