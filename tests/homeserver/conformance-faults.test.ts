// Fault injection and stop/restart: injected rate limits (spec: M_LIMIT_EXCEEDED with
// retry_after_ms; injected ones add Retry-After), server errors (on chosen requests, or on one
// message whenever it is sent), latency, and a restart that keeps every room, access token and
// sync token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestHomeserver } from "./index.ts";
import { createRoom, enc, newUser, sendMessage, txn, type ErrorBody, type RawClient } from "./raw-client.ts";

let hs: TestHomeserver;
let alice: RawClient;
beforeAll(async () => {
  // Rate limits are conformance-ratelimits.test.ts's subject; here every registered account is exempt.
  hs = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
  alice = await newUser(hs, "alice");
});
afterAll(() => hs.close());

describe("faults", () => {
  it("rate-limits the next matching requests with retry_after_ms and Retry-After", async () => {
    const roomId = await createRoom(alice);
    hs.faults.rateLimit(2, 1500, { method: "PUT", path: /\/send\// });
    const path = `/rooms/${enc(roomId)}/send/m.room.message`;
    const first = await alice.put<ErrorBody>(`${path}/t1`, { body: "x" });
    expect(first.status).toBe(429);
    expect(first.body).toMatchObject({ errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 1500 });
    expect(first.headers.get("retry-after")).toBe("2");
    expect((await alice.get("/account/whoami")).status).toBe(200); // does not match
    expect((await alice.put(`${path}/t2`, { body: "x" })).status).toBe(429);
    expect((await alice.put(`${path}/t3`, { body: "x" })).status).toBe(200);
    // Refused requests had no effect.
    expect(hs.roomEvents(roomId).filter((e) => e.type === "m.room.message")).toHaveLength(1);
  });

  it("rate-limits every n-th matching request until cleared", async () => {
    const roomId = await createRoom(alice);
    hs.faults.rateLimitEvery(3, 200, { method: "PUT", path: /\/send\// });
    const path = `/rooms/${enc(roomId)}/send/m.room.message`;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await alice.put(`${path}/every${i}`, { body: "x" })).status);
    expect((await alice.get("/account/whoami")).status).toBe(200); // not counted
    statuses.push((await alice.put(`${path}/every7`, { body: "x" })).status);
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429, 200, 200]);
    hs.faults.clear();
    expect((await alice.put(`${path}/every8`, { body: "x" })).status).toBe(200);
  });

  it("answers server errors with M_UNKNOWN and the requested status", async () => {
    hs.faults.serverError(1);
    const plain = await alice.get<ErrorBody>("/account/whoami");
    expect([plain.status, plain.body.errcode]).toEqual([500, "M_UNKNOWN"]);
    hs.faults.serverError(1, 502, { path: /^\/_matrix\/client\/v3\/joined_rooms$/ });
    expect((await alice.get("/account/whoami")).status).toBe(200);
    expect((await alice.get("/joined_rooms")).status).toBe(502);
    expect((await alice.get("/joined_rooms")).status).toBe(200);
  });

  it("matches paths after percent-decoding", async () => {
    const roomId = await createRoom(alice);
    hs.faults.serverError(1, 503, { path: new RegExp(`/rooms/${roomId.replace(/[!.]/g, "\\$&")}/state`) });
    expect((await alice.get(`/rooms/${enc(roomId)}/state`)).status).toBe(503);
  });

  it("fails one message on every attempt while the others go through, until cleared", async () => {
    const roomId = await createRoom(alice);
    const path = (txnId: string) => `/rooms/${enc(roomId)}/send/m.room.message/${txnId}`;
    const failing = hs.faults.serverErrorFor({ bodyIncludes: "ne partira pas" });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const refused = await alice.put<ErrorBody>(path("stuck"), { msgtype: "m.text", body: "Ce message ne partira pas" });
      expect([refused.status, refused.body.errcode]).toEqual([500, "M_UNKNOWN"]);
    }
    expect((await alice.put(path("next"), { msgtype: "m.text", body: "celui-ci si" })).status).toBe(200);
    // Only sends: the same text as a state event, or without a body, is not matched.
    expect((await alice.put(`/rooms/${enc(roomId)}/state/m.room.topic`, { topic: "x", body: "ne partira pas" })).status).toBe(200);
    expect((await alice.put(path("nobody"), { msgtype: "m.text" })).status).toBe(200);
    expect(failing.failures).toBe(3);
    // Nothing was stored and the transaction was not remembered: once cleared, it goes.
    expect(hs.roomEvents(roomId).filter((e) => e.type === "m.room.message").map((e) => e.content["body"])).toEqual(["celui-ci si", undefined]);
    failing.clear();
    expect((await alice.put(path("stuck"), { msgtype: "m.text", body: "Ce message ne partira pas" })).status).toBe(200);
    expect(failing.failures).toBe(3);
  });

  it("matches sends with a predicate on the content and the target, with the requested status, until faults.clear()", async () => {
    const roomId = await createRoom(alice);
    const other = await createRoom(alice);
    const seen: Array<{ roomId: string; eventType: string }> = [];
    hs.faults.serverErrorFor((content, target) => {
      seen.push(target);
      return target.roomId === roomId && content["fr.chatons.minou"] !== undefined;
    }, 502);
    const tagged = { msgtype: "m.text", body: "x", "fr.chatons.minou": { poll: 7 } };
    expect((await alice.put<ErrorBody>(`/rooms/${enc(roomId)}/send/m.room.message/${txn()}`, tagged)).status).toBe(502);
    expect((await alice.put(`/rooms/${enc(other)}/send/m.room.message/${txn()}`, tagged)).status).toBe(200);
    expect((await alice.put(`/rooms/${enc(roomId)}/send/m.reaction/${txn()}`, { body: "y" })).status).toBe(200);
    expect(seen).toEqual([
      { roomId, eventType: "m.room.message" },
      { roomId: other, eventType: "m.room.message" },
      { roomId, eventType: "m.reaction" },
    ]);
    // A body that is not JSON still gets the route's own answer.
    expect((await alice.request<ErrorBody>("PUT", `/rooms/${enc(roomId)}/send/m.room.message/${txn()}`, { rawBody: "{", contentType: "application/json" })).status).toBe(400);
    hs.faults.clear();
    expect((await alice.put(`/rooms/${enc(roomId)}/send/m.room.message/${txn()}`, tagged)).status).toBe(200);
  });

  it("adds latency to matching requests until removed", async () => {
    hs.faults.latency(150, { path: /whoami/ });
    let started = Date.now();
    await alice.get("/account/whoami");
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    started = Date.now();
    await alice.get("/joined_rooms");
    expect(Date.now() - started).toBeLessThan(140);
    hs.faults.latency(0, { path: /whoami/ });
    started = Date.now();
    await alice.get("/account/whoami");
    expect(Date.now() - started).toBeLessThan(140);
  });

  it("clears every fault, and never applies faults to the direct methods", async () => {
    hs.faults.serverError(100);
    hs.faults.latency(1000);
    const direct = await hs.registerUser("direct");
    expect(direct.userId).toBe("@direct:minou.test");
    hs.faults.clear();
    const started = Date.now();
    expect((await alice.get("/account/whoami")).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe("stop and restart", () => {
  it("ends in-flight long-polls on stop and keeps rooms, tokens and sync tokens across a restart", async () => {
    const roomId = await createRoom(alice, { name: "Persistant" });
    const { body: first } = await alice.get<{ next_batch: string }>("/sync");
    const port = hs.port;

    const pending = alice.get(`/sync?since=${first.next_batch}&timeout=20000`).then(
      () => "answered",
      () => "connection dropped",
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopped = Date.now();
    await hs.stop();
    expect(await pending).toBe("connection dropped");
    expect(Date.now() - stopped).toBeLessThan(2000);
    await expect(fetch(`${hs.url}/_matrix/client/versions`)).rejects.toThrow();

    await hs.restart();
    expect(hs.port).toBe(port);
    expect((await alice.get("/account/whoami")).body["user_id"]).toBe(alice.userId);
    expect(hs.stateContent(roomId, "m.room.name")).toEqual({ name: "Persistant" });
    const eventId = await sendMessage(alice, roomId, { msgtype: "m.text", body: "après redémarrage" });
    const { body: delta } = await alice.get<{ rooms: { join: Record<string, { timeline: { events: Array<{ event_id: string }> } }> } }>(
      `/sync?since=${first.next_batch}`,
    );
    expect(delta.rooms.join[roomId]?.timeline.events.map((e) => e.event_id)).toContain(eventId);
  });
});
