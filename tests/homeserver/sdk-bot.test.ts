// matrix-bot-sdk 0.7.1 (what Minou runs on) against the test homeserver, unmodified: start,
// get invited, join, receive and send messages, read state, stop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LogLevel, LogService, MatrixClient, MemoryStorageProvider } from "matrix-bot-sdk";
import { TestHomeserver } from "./index.ts";
import { createRoom, enc, newUser, sendMessage, waitFor, type RawClient } from "./raw-client.ts";

interface BotEvent {
  event_id: string;
  sender: string;
  type: string;
  content: Record<string, unknown>;
}

let hs: TestHomeserver;
let bot: MatrixClient;
let botUserId: string;
let alice: RawClient;
const invites: string[] = [];
const messages: Array<{ roomId: string; event: BotEvent }> = [];

beforeAll(async () => {
  LogService.setLevel(LogLevel.ERROR);
  // Logs every non-2xx answer at error level; the errors below are expected and asserted on.
  LogService.muteModule("MatrixHttpClient");
  // Rate limits are conformance-ratelimits.test.ts's subject; here every registered account is exempt.
  hs = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
  alice = await newUser(hs, "alice");
  const registered = await hs.registerUser("minou");
  botUserId = registered.userId;
  bot = new MatrixClient(hs.url, registered.accessToken, new MemoryStorageProvider());
  // bot-sdk's stop() does not abort the long-poll in flight: keep it short so stop() is prompt.
  bot.syncingTimeout = 500;
  bot.on("room.invite", (roomId: string) => {
    invites.push(roomId);
    void bot.joinRoom(roomId);
  });
  bot.on("room.message", (roomId: string, event: BotEvent) => messages.push({ roomId, event }));
  await bot.start();
});

afterAll(async () => {
  bot.stop();
  await hs.close(); // drops the last long-poll's connection
});

describe("matrix-bot-sdk", () => {
  it("accepts an invite, hears a message, answers and reads state", async () => {
    const roomId = await createRoom(alice, { preset: "private_chat", name: "Entraide", invite: [botUserId] });
    await waitFor(() => (invites.includes(roomId) ? true : undefined), 5000, "room.invite");
    await waitFor(() => (hs.stateContent(roomId, "m.room.member", botUserId)?.["membership"] === "join" ? true : undefined), 5000, "the join");
    expect(await bot.getJoinedRooms()).toContain(roomId);

    const commandId = await sendMessage(alice, roomId, { msgtype: "m.text", body: "!minou aide" });
    const heard = await waitFor(() => messages.find((m) => m.event.event_id === commandId), 5000, "room.message");
    expect(heard).toMatchObject({ roomId, event: { sender: alice.userId, content: { body: "!minou aide" } } });

    const replyId = await bot.sendMessage(roomId, {
      msgtype: "m.notice",
      body: "Voici l'aide",
      "m.relates_to": { "m.in_reply_to": { event_id: commandId } },
      "m.mentions": {},
    });
    const reply = hs.roomEvents(roomId).find((e) => e.event_id === replyId);
    expect(reply).toMatchObject({ sender: botUserId, content: { msgtype: "m.notice", body: "Voici l'aide" } });

    expect(await bot.getRoomStateEvent(roomId, "m.room.name", "")).toEqual({ name: "Entraide" });
    const members = await bot.getJoinedRoomMembers(roomId);
    expect(members.sort()).toEqual([alice.userId, botUserId].sort());
    const fetched = (await bot.getEvent(roomId, commandId)) as BotEvent;
    expect(fetched.content["body"]).toBe("!minou aide");
  });

  it("surfaces Matrix errors with their errcode and retry_after_ms", async () => {
    const roomId = await createRoom(alice, { preset: "public_chat" });
    await bot.joinRoom(roomId);
    hs.faults.rateLimit(1, 1200, { method: "PUT", path: /\/send\// });
    await expect(bot.sendMessage(roomId, { msgtype: "m.notice", body: "trop vite" })).rejects.toMatchObject({
      statusCode: 429,
      errcode: "M_LIMIT_EXCEEDED",
      retryAfterMs: 1200,
    });
    await expect(bot.getRoomStateEvent(roomId, "m.room.avatar", "")).rejects.toMatchObject({ statusCode: 404, errcode: "M_NOT_FOUND" });
    expect(await bot.sendMessage(roomId, { msgtype: "m.notice", body: "ça passe" })).toMatch(/^\$/);
  });

  it("uploads and downloads media", async () => {
    const uri = await bot.uploadContent(Buffer.from("PDF-ish"), "application/pdf", "guide.pdf");
    expect(uri).toMatch(/^mxc:\/\/minou\.test\//);
    const downloaded = await bot.downloadContent(uri);
    expect(downloaded.contentType).toBe("application/pdf");
    expect(downloaded.data.toString()).toBe("PDF-ish");
  });

  it("sees leaving as room.leave", async () => {
    const roomId = await createRoom(alice, { preset: "public_chat" });
    await bot.joinRoom(roomId);
    const left: string[] = [];
    bot.on("room.leave", (id: string) => left.push(id));
    await alice.post(`/rooms/${enc(roomId)}/kick`, { user_id: botUserId });
    await waitFor(() => (left.includes(roomId) ? true : undefined), 5000, "room.leave");
  });
});
