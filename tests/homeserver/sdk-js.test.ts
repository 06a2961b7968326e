// matrix-js-sdk 37 (what the test members use) against the test homeserver, unmodified, as
// Element would drive it: start, create a room, send, receive, react, redact, leave.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ClientEvent,
  createClient,
  EventType,
  MsgType,
  KnownMembership,
  Preset,
  RelationType,
  RoomEvent,
  SyncState,
  type MatrixClient,
  type MatrixEvent,
} from "matrix-js-sdk";
import { logger } from "matrix-js-sdk/lib/logger.js";
import { TestHomeserver } from "./index.ts";
import { createRoom, enc, newUser, RawClient, sendMessage, waitFor } from "./raw-client.ts";

let hs: TestHomeserver;
let alice: MatrixClient;
let bob: RawClient;

/** js-sdk's loggers are loglevel loggers, though their declared type hides setLevel. */
function quiet(target: object, level: "error" | "silent"): void {
  (target as { setLevel(level: string): void }).setLevel(level);
}

async function startClient(userId: string, accessToken: string, deviceId: string): Promise<MatrixClient> {
  const client = createClient({ baseUrl: hs.url, accessToken, userId, deviceId });
  const prepared = new Promise<void>((resolve, reject) => {
    client.on(ClientEvent.Sync, (state: SyncState) => {
      if (state === SyncState.Prepared) resolve();
      if (state === SyncState.Error) reject(new Error("matrix-js-sdk sync failed"));
    });
  });
  await client.startClient({ initialSyncLimit: 20 });
  await prepared;
  return client;
}

beforeAll(async () => {
  quiet(logger, "error");
  // matrix-js-sdk injects a brand-new room's state before storing the room, so this child
  // logger reports "state event for unknown room" on every join, against Synapse too.
  quiet(logger.getChild("[MatrixRTCSessionManager]"), "silent");
  // Rate limits are conformance-ratelimits.test.ts's subject; here every registered account is exempt.
  hs = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
  bob = await newUser(hs, "bob");
  const { userId, accessToken, deviceId } = await hs.registerUser("alice");
  alice = await startClient(userId, accessToken, deviceId);
});
afterAll(async () => {
  alice.stopClient();
  await hs.close();
});

describe("matrix-js-sdk", () => {
  it("creates a room, sends, receives, reacts, redacts and leaves", async () => {
    const { room_id: roomId } = await alice.createRoom({ name: "Atelier", preset: Preset.PrivateChat, invite: [bob.userId] });
    const room = await waitFor(() => alice.getRoom(roomId) ?? undefined, 5000, "the room in alice's store");
    await waitFor(() => (room.name === "Atelier" ? true : undefined), 5000, "the room name");

    // Local echo is replaced by the remote echo matched through unsigned.transaction_id.
    const { event_id: sentId } = await alice.sendMessage(roomId, { msgtype: MsgType.Text, body: "Bonjour Bob" });
    await waitFor(() => room.findEventById(sentId)?.status === null || undefined, 5000, "the remote echo");
    const mine = room.getLiveTimeline().getEvents().filter((e) => e.getContent()["body"] === "Bonjour Bob");
    expect(mine).toHaveLength(1);

    const received: MatrixEvent[] = [];
    alice.on(RoomEvent.Timeline, (event, eventRoom, toStartOfTimeline) => {
      if (eventRoom?.roomId === roomId && !toStartOfTimeline && event.getSender() === bob.userId) received.push(event);
    });
    await bob.post(`/rooms/${enc(roomId)}/join`);
    const bobMessage = await sendMessage(bob, roomId, { msgtype: "m.text", body: "Salut Alice" });
    const fromBob = await waitFor(() => received.find((e) => e.getId() === bobMessage), 5000, "bob's message");
    expect(fromBob.getContent()).toEqual({ msgtype: "m.text", body: "Salut Alice" });
    expect(room.getMember(bob.userId)?.membership).toBe(KnownMembership.Join);

    const { event_id: reactionId } = await alice.sendEvent(roomId, EventType.Reaction, {
      "m.relates_to": { rel_type: RelationType.Annotation, event_id: bobMessage, key: "👍" },
    });
    await waitFor(() => room.findEventById(reactionId)?.status === null || undefined, 5000, "the reaction");
    const relations = await alice.relations(roomId, bobMessage, "m.annotation", "m.reaction");
    expect(relations.events.map((e) => e.getId())).toEqual([reactionId]);

    await alice.redactEvent(roomId, reactionId);
    await waitFor(() => room.findEventById(reactionId)?.isRedacted() || undefined, 5000, "the redaction");
    expect(hs.roomEvents(roomId).find((e) => e.event_id === reactionId)?.content).toEqual({});

    await alice.leave(roomId);
    await waitFor(() => (room.getMyMembership() === KnownMembership.Leave ? true : undefined), 5000, "alice's departure");
    expect(hs.stateContent(roomId, "m.room.member", alice.getUserId() ?? "")).toMatchObject({ membership: "leave" });
  });

  it("paginates history with /messages through scrollback", async () => {
    const roomId = await createRoom(bob, { preset: "public_chat" });
    for (let i = 0; i < 30; i++) await sendMessage(bob, roomId, { msgtype: "m.text", body: `n${i}` });
    const { userId, accessToken, deviceId } = await hs.registerUser("carol");
    await new RawClient(hs.url, accessToken).post(`/rooms/${enc(roomId)}/join`);
    const carol = await startClient(userId, accessToken, deviceId);
    try {
      const room = await waitFor(() => carol.getRoom(roomId) ?? undefined, 5000, "the room");
      const bodies = (): unknown[] => room.getLiveTimeline().getEvents().map((e) => e.getContent()["body"]).filter((b) => b !== undefined);
      expect(bodies()[0]).toBe("n11"); // initialSyncLimit 20: n11…n29 and carol's join
      await carol.scrollback(room, 50);
      expect(bodies()).toEqual(Array.from({ length: 30 }, (_, i) => `n${i}`));
      expect(room.getLiveTimeline().getEvents()[0]?.getType()).toBe("m.room.create");
    } finally {
      carol.stopClient();
    }
  });
});
