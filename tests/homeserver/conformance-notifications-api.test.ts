// Conformance, with raw HTTP, of GET /notifications, the /sync `unread_notifications` counts and
// read receipts, and user-defined push rules (PUT/DELETE /pushrules), as Synapse 1.67 has them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestHomeserver, type NotificationsPage, type SyncEvent } from "./index.ts";
import { createRoom, enc, newUser, sendMessage, type RawClient } from "./raw-client.ts";

interface Counts {
  notification_count: number;
  highlight_count: number;
}
interface SyncBody {
  next_batch: string;
  rooms: { join: Record<string, { unread_notifications: Counts; ephemeral: { events: SyncEvent[] } }> };
}

let hs: TestHomeserver;
let alice: RawClient;
let bob: RawClient;
let carol: RawClient;

const text = (body: string) => ({ msgtype: "m.text", body });

async function groupRoom(): Promise<string> {
  const roomId = await createRoom(alice, { preset: "private_chat", invite: [bob.userId, carol.userId] });
  for (const client of [bob, carol]) expect((await client.post(`/rooms/${enc(roomId)}/join`, {})).status).toBe(200);
  return roomId;
}

async function sync(client: RawClient, since?: string): Promise<SyncBody> {
  return (await client.get<SyncBody>(since === undefined ? "/sync" : `/sync?since=${since}&timeout=0`)).body;
}

const countsOf = async (client: RawClient, roomId: string): Promise<Counts | undefined> =>
  (await sync(client)).rooms.join[roomId]?.unread_notifications;

beforeAll(async () => {
  // Rate limits are conformance-ratelimits.test.ts's subject; here every registered account is exempt.
  hs = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
  [alice, bob, carol] = [await newUser(hs, "alice"), await newUser(hs, "bob"), await newUser(hs, "carol")];
});
afterAll(() => hs.close());

describe("GET /notifications", () => {
  it("lists newest first in Synapse's shape, pages with next_token, and filters highlights", async () => {
    const dan = await newUser(hs, "dan");
    expect((await dan.get("/notifications")).body).toEqual({ notifications: [], next_token: null });
    const roomId = await createRoom(alice, { preset: "private_chat", invite: [dan.userId, carol.userId] });
    await dan.post(`/rooms/${enc(roomId)}/join`, {});
    await carol.post(`/rooms/${enc(roomId)}/join`, {});
    const ids = [];
    for (const body of ["un", "deux dan", "trois", "quatre"]) ids.push(await sendMessage(alice, roomId, text(body)));
    const all = await dan.get<NotificationsPage>("/notifications");
    const [newest] = all.body.notifications;
    expect(Object.keys(newest ?? {}).sort()).toEqual(["actions", "event", "profile_tag", "read", "room_id", "ts"]);
    expect(newest).toMatchObject({ room_id: roomId, profile_tag: null, read: false, event: { event_id: ids[3], type: "m.room.message" } });
    expect(newest?.event).not.toHaveProperty("room_id");
    expect(newest?.ts).toEqual(expect.any(Number));
    // The invitation notified too (before dan joined).
    expect(all.body.notifications.map((n) => n.event.event_id)).toEqual([...ids].reverse().concat([expect.any(String)]));
    expect(all.body.notifications.at(-1)?.event).toMatchObject({ type: "m.room.member", state_key: dan.userId });

    const first = await dan.get<NotificationsPage>("/notifications?limit=2");
    expect(first.body.notifications.map((n) => n.event.event_id)).toEqual([ids[3], ids[2]]);
    expect(first.body.next_token).toEqual(expect.any(String));
    const second = await dan.get<NotificationsPage>(`/notifications?limit=2&from=${first.body.next_token}`);
    expect(second.body.notifications.map((n) => n.event.event_id)).toEqual([ids[1], ids[0]]);
    const highlights = await dan.get<NotificationsPage>("/notifications?only=highlight");
    expect(highlights.body.notifications.map((n) => n.event.event_id)).toEqual([ids[1]]);

    // `read`: at or before the user's latest read receipt in that room.
    await dan.post(`/rooms/${enc(roomId)}/receipt/m.read/${enc(ids[1] ?? "")}`, {});
    const after = await dan.get<NotificationsPage>("/notifications?limit=4");
    expect(after.body.notifications.map((n) => n.read)).toEqual([false, false, true, true]);
  });
});

describe("unread_notifications in /sync", () => {
  it("counts notifications and highlights after the join, then after the latest read receipt", async () => {
    const roomId = await groupRoom();
    const ids = [];
    for (const body of ["a", "bob ?", "c", "d"]) ids.push(await sendMessage(alice, roomId, text(body)));
    expect(await countsOf(bob, roomId)).toEqual({ notification_count: 4, highlight_count: 1 });
    expect(hs.unreadNotifications(bob.userId, roomId)).toEqual({ notification_count: 4, highlight_count: 1 });
    expect(await countsOf(alice, roomId)).toEqual({ notification_count: 0, highlight_count: 0 });

    await bob.post(`/rooms/${enc(roomId)}/receipt/m.read/${enc(ids[1] ?? "")}`, {});
    expect(await countsOf(bob, roomId)).toEqual({ notification_count: 2, highlight_count: 0 });
    // A receipt for an earlier event is ignored; the fully-read marker alone changes nothing.
    await bob.post(`/rooms/${enc(roomId)}/receipt/m.read/${enc(ids[0] ?? "")}`, {});
    await bob.post(`/rooms/${enc(roomId)}/read_markers`, { "m.fully_read": ids[3] });
    expect(await countsOf(bob, roomId)).toEqual({ notification_count: 2, highlight_count: 0 });
    // A private receipt counts, and so does m.read given to /read_markers.
    await bob.post(`/rooms/${enc(roomId)}/receipt/m.read.private/${enc(ids[2] ?? "")}`, {});
    expect(await countsOf(bob, roomId)).toEqual({ notification_count: 1, highlight_count: 0 });
    await carol.post(`/rooms/${enc(roomId)}/read_markers`, { "m.fully_read": ids[3], "m.read": ids[3] });
    expect(await countsOf(carol, roomId)).toEqual({ notification_count: 0, highlight_count: 0 });
  });

  it("delivers a receipt as m.receipt (a private one to its owner only) with the new counts", async () => {
    const roomId = await groupRoom();
    const eventId = await sendMessage(alice, roomId, text("à lire"));
    const bobSince = (await sync(bob)).next_batch;
    const carolSince = (await sync(carol)).next_batch;
    await bob.post(`/rooms/${enc(roomId)}/receipt/m.read.private/${enc(eventId)}`, {});
    const bobNext = await sync(bob, bobSince);
    expect(bobNext.rooms.join[roomId]?.unread_notifications).toEqual({ notification_count: 0, highlight_count: 0 });
    expect(bobNext.rooms.join[roomId]?.ephemeral.events).toEqual([
      { type: "m.receipt", content: { [eventId]: { "m.read.private": { [bob.userId]: { ts: expect.any(Number) } } } } },
    ]);
    expect((await sync(carol, carolSince)).rooms.join[roomId]).toBeUndefined();
    await bob.post(`/rooms/${enc(roomId)}/receipt/m.read/${enc(eventId)}`, {});
    const carolNext = await sync(carol, carolSince);
    expect(carolNext.rooms.join[roomId]?.ephemeral.events[0]?.content).toEqual({ [eventId]: { "m.read": { [bob.userId]: { ts: expect.any(Number) } } } });
    expect(carolNext.rooms.join[roomId]?.unread_notifications).toEqual({ notification_count: 1, highlight_count: 0 });
  });
});

describe("user-defined push rules", () => {
  const rule = (client: RawClient, method: string, path: string, body?: unknown) =>
    client.request(method, `/pushrules/global/${path}`, body === undefined ? {} : { body });
  const notifiedBob = async (roomId: string, body: string): Promise<unknown> =>
    hs.notifiedBy(await sendMessage(alice, roomId, text(body))).find((n) => n.userId === bob.userId)?.actions;

  it("apply in Synapse's order: override, content, room, sender, underride; actions and enabled can change", async () => {
    const roomId = await groupRoom();
    expect((await rule(bob, "PUT", `room/${enc(roomId)}`, { actions: ["dont_notify"] })).status).toBe(200);
    expect(await notifiedBob(roomId, "muet")).toBeUndefined();
    // Content rules come before room rules.
    expect((await rule(bob, "PUT", "content/apero", { pattern: "apéro", actions: ["notify", { set_tweak: "highlight" }] })).status).toBe(200);
    expect(await notifiedBob(roomId, "Apéro ce soir")).toEqual(["notify", { set_tweak: "highlight" }]);
    expect((await bob.get("/pushrules/global/content/")).body).toEqual([
      { rule_id: "apero", pattern: "apéro", actions: ["notify", { set_tweak: "highlight" }], enabled: true },
    ]);
    expect((await rule(bob, "DELETE", `room/${enc(roomId)}`)).status).toBe(200);
    expect(await notifiedBob(roomId, "de retour")).toEqual(["notify", { set_tweak: "highlight", value: false }]);

    const condition = { kind: "event_match", key: "sender", pattern: alice.userId };
    expect((await rule(bob, "PUT", "override/mute_alice", { conditions: [condition], actions: ["dont_notify"] })).status).toBe(200);
    expect(await notifiedBob(roomId, "chut")).toBeUndefined();
    expect((await rule(bob, "PUT", "override/mute_alice/enabled", { enabled: false })).status).toBe(200);
    expect(await notifiedBob(roomId, "re")).toBeDefined();
    expect((await rule(bob, "PUT", "underride/.m.rule.message/actions", { actions: ["notify", { set_tweak: "sound", value: "bing" }] })).status).toBe(200);
    expect(await notifiedBob(roomId, "bing")).toEqual(["notify", { set_tweak: "sound", value: "bing" }]);
    // 1.67 sender rules match the event key `user_id`, which events lack: they never apply.
    expect((await rule(bob, "PUT", `sender/${enc(alice.userId)}`, { actions: ["dont_notify"] })).status).toBe(200);
    expect(await notifiedBob(roomId, "toujours là")).toBeDefined();
    expect((await rule(bob, "PUT", "override/.m.rule.master/enabled", { enabled: true })).status).toBe(200);
    expect(await notifiedBob(roomId, "rien")).toBeUndefined();
  });

  it("answers Synapse's errors", async () => {
    const errorOf = async (method: string, path: string, body?: unknown) => {
      const response = await rule(carol, method, path, body);
      return [response.status, (response.body as { errcode?: string }).errcode];
    };
    expect(await errorOf("PUT", "override/.mine", { conditions: [], actions: [] })).toEqual([400, "M_UNKNOWN"]);
    expect(await errorOf("PUT", "override/mine", { actions: [] })).toEqual([400, "M_UNKNOWN"]);
    expect(await errorOf("PUT", "override/mine", { conditions: [], actions: ["explode"] })).toEqual([400, "M_UNKNOWN"]);
    expect(await errorOf("PUT", "sideways/mine", { actions: [] })).toEqual([400, "M_UNKNOWN"]);
    expect(await errorOf("PUT", "override/.m.rule.nope/enabled", { enabled: true })).toEqual([404, "M_NOT_FOUND"]);
    expect(await errorOf("PUT", "override/.m.rule.master/enabled", { enabled: "yes" })).toEqual([400, "M_UNKNOWN"]);
    expect(await errorOf("DELETE", "room/!nowhere:minou.test")).toEqual([404, "M_NOT_FOUND"]);
    expect(await errorOf("GET", "override/absent")).toEqual([404, "M_NOT_FOUND"]);
  });
});
