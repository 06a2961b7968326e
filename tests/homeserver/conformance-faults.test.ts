// Fault injection and stop/restart: injected rate limits (spec: M_LIMIT_EXCEEDED with
// retry_after_ms; injected ones add Retry-After), server errors, latency, and a restart that keeps every room,
// access token and sync token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestHomeserver } from "./index.ts";
import { createRoom, enc, newUser, sendMessage, type ErrorBody, type RawClient } from "./raw-client.ts";

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
