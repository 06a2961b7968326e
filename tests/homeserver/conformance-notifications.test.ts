// Conformance, with raw HTTP, of push-rule evaluation as Synapse 1.67 does it: who GET
// /notifications lists for each kind of event, and with which actions (compared side by side
// with a running Synapse 1.67, see README "Notifications").
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { TestHomeserver, type NotificationsPage } from "./index.ts";
import { createRoom, enc, newUser, sendMessage, type RawClient } from "./raw-client.ts";

let hs: TestHomeserver;
let alice: RawClient; // creates the rooms: power 100
let bob: RawClient; // display name "Bobby T"
let carol: RawClient; // display name "Zoé", power 0
let group: string;
let dm: string;

const text = (body: string, extra: Record<string, unknown> = {}) => ({ msgtype: "m.text", body, ...extra });
const notice = (body: string) => ({ msgtype: "m.notice", body });
const encrypted = { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "AwgA", sender_key: "k", session_id: "s", device_id: "D" };
const plain = ["notify", { set_tweak: "highlight", value: false }];
const withSound = ["notify", { set_tweak: "sound", value: "default" }, { set_tweak: "highlight", value: false }];
const mention = ["notify", { set_tweak: "sound", value: "default" }, { set_tweak: "highlight" }];
const roomPing = ["notify", { set_tweak: "highlight", value: true }];

async function join(client: RawClient, roomId: string): Promise<void> {
  expect((await client.post(`/rooms/${enc(roomId)}/join`, {})).status).toBe(200);
}

/** The actions GET /notifications shows `client` for the event, or undefined when it did not notify. */
async function actionsOf(client: RawClient, eventId: string): Promise<unknown> {
  const page = await client.get<NotificationsPage>("/notifications?limit=500");
  expect(page.status).toBe(200);
  return page.body.notifications.find((n) => n.event.event_id === eventId)?.actions;
}

async function whoIsNotified(eventId: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const client of [alice, bob, carol]) {
    const actions = await actionsOf(client, eventId);
    if (actions !== undefined) out[client.userId.slice(1, client.userId.indexOf(":"))] = actions;
  }
  return out;
}

beforeAll(async () => {
  // Rate limits are conformance-ratelimits.test.ts's subject; here every registered account is exempt.
  hs = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
  [alice, bob, carol] = [await newUser(hs, "alice"), await newUser(hs, "bob"), await newUser(hs, "carol")];
  await bob.put(`/profile/${enc(bob.userId)}/displayname`, { displayname: "Bobby T" });
  await carol.put(`/profile/${enc(carol.userId)}/displayname`, { displayname: "Zoé" });
  group = await createRoom(alice, { preset: "private_chat", invite: [bob.userId, carol.userId] });
  dm = await createRoom(alice, { preset: "trusted_private_chat", is_direct: true, invite: [bob.userId] });
  await join(bob, group);
  await join(carol, group);
  await join(bob, dm);
});
afterAll(() => hs.close());

describe("the default push rules of Synapse 1.67", () => {
  it("are served in evaluation order, without intentional-mention rules, and without the user-name content rule", async () => {
    const rules = await bob.get<{ global: Record<string, Array<{ rule_id: string }>>; device: unknown }>("/pushrules/");
    const ids = (kind: string) => rules.body.global[kind]?.map((rule) => rule.rule_id);
    expect(ids("override")).toEqual([
      ".m.rule.master",
      ".m.rule.suppress_notices",
      ".m.rule.invite_for_me",
      ".m.rule.member_event",
      ".m.rule.contains_display_name",
      ".m.rule.roomnotif",
      ".m.rule.tombstone",
      ".m.rule.reaction",
    ]);
    // 1.67's client format drops a content rule without a literal pattern; the rule still applies.
    expect(ids("content")).toEqual([]);
    expect(ids("underride")).toEqual([
      ".m.rule.call",
      ".m.rule.room_one_to_one",
      ".m.rule.encrypted_room_one_to_one",
      ".m.rule.message",
      ".m.rule.encrypted",
      ".im.vector.jitsi",
    ]);
    expect(rules.body.device).toEqual({});
    const invite = await bob.get(`/pushrules/global/override/.m.rule.invite_for_me`);
    expect(invite.body).toMatchObject({ conditions: expect.arrayContaining([{ kind: "event_match", key: "state_key", pattern: bob.userId }]) });
    expect((await bob.get(`/pushrules/global/override/.m.rule.master/enabled`)).body).toEqual({ enabled: false });
  });
});

describe("messages in a group room", () => {
  it(".m.rule.message: a text notifies every other joined member, never the sender", async () => {
    const eventId = await sendMessage(alice, group, text("plain text"));
    expect(await whoIsNotified(eventId)).toEqual({ bob: plain, carol: plain });
  });

  it(".m.rule.suppress_notices: a notice notifies nobody, whatever it names, in a group or a DM", async () => {
    for (const body of ["notice to Bobby T", "ping bob", "@room notice"]) {
      expect(await whoIsNotified(await sendMessage(alice, group, notice(body)))).toEqual({});
    }
    expect(await whoIsNotified(await sendMessage(alice, dm, notice("dm notice")))).toEqual({});
  });

  it(".m.rule.contains_display_name: the room display name as a whole word, any case", async () => {
    expect(await whoIsNotified(await sendMessage(alice, group, text("hey bobby t, ok?")))).toEqual({ bob: mention, carol: plain });
    expect(await whoIsNotified(await sendMessage(alice, group, text("Bobby Tables")))).toEqual({ bob: plain, carol: plain });
    // Word boundaries are Unicode-aware, as in Python: "Zoé" is not a word inside "Zoéline".
    expect(await whoIsNotified(await sendMessage(alice, group, text("Zoéline est là")))).toEqual({ bob: plain, carol: plain });
    expect(await whoIsNotified(await sendMessage(alice, group, text("merci zoé!")))).toEqual({ bob: plain, carol: mention });
  });

  it(".m.rule.contains_user_name: the localpart as a whole word", async () => {
    expect(await whoIsNotified(await sendMessage(alice, group, text("ping bob: ok")))).toEqual({ bob: mention, carol: plain });
    expect(await whoIsNotified(await sendMessage(alice, group, text("bobcat")))).toEqual({ bob: plain, carol: plain });
  });

  it(".m.rule.roomnotif: '@room' highlights only from a sender with power notifications.room (default 50)", async () => {
    expect(await whoIsNotified(await sendMessage(alice, group, text("@room meeting")))).toEqual({ bob: roomPing, carol: roomPing });
    expect(await whoIsNotified(await sendMessage(carol, group, text("@room from carol")))).toEqual({ alice: plain, bob: plain });
    expect(await whoIsNotified(await sendMessage(alice, group, text("@roomy")))).toEqual({ bob: plain, carol: plain });
    const levels = await alice.get<Record<string, unknown>>(`/rooms/${enc(group)}/state/m.room.power_levels`);
    await alice.put(`/rooms/${enc(group)}/state/m.room.power_levels`, { ...levels.body, notifications: { room: 0 } });
    expect(await whoIsNotified(await sendMessage(carol, group, text("@room again")))).toEqual({ alice: roomPing, bob: roomPing });
    await alice.put(`/rooms/${enc(group)}/state/m.room.power_levels`, levels.body);
  });

  it("ignores m.mentions (1.67 predates intentional mentions)", async () => {
    const content = text("no names here", { "m.mentions": { user_ids: [bob.userId], room: true } });
    expect(await whoIsNotified(await sendMessage(alice, group, content))).toEqual({ bob: plain, carol: plain });
  });

  it("notifies for an edit (no .m.rule.suppress_edits in 1.67) but not for a reaction", async () => {
    const target = await sendMessage(alice, group, text("avant"));
    const edit = text("* après", { "m.new_content": text("après"), "m.relates_to": { rel_type: "m.replace", event_id: target } });
    expect(await whoIsNotified(await sendMessage(alice, group, edit))).toEqual({ bob: plain, carol: plain });
    const reaction = { "m.relates_to": { rel_type: "m.annotation", event_id: target, key: "✅" } };
    expect(await whoIsNotified(await sendMessage(alice, group, reaction, "m.reaction"))).toEqual({});
  });

  it(".m.rule.encrypted: the server sees only m.room.encrypted, so no mention can highlight", async () => {
    expect(await whoIsNotified(await sendMessage(alice, group, encrypted, "m.room.encrypted"))).toEqual({ bob: plain, carol: plain });
  });

  it(".m.rule.call rings; .m.rule.tombstone never fires in 1.67 (its empty state_key pattern matches nothing)", async () => {
    const call = await sendMessage(alice, group, { call_id: "c1", version: "1", lifetime: 60000, offer: { type: "offer", sdp: "" } }, "m.call.invite");
    const ring = ["notify", { set_tweak: "sound", value: "ring" }, { set_tweak: "highlight", value: false }];
    expect(await whoIsNotified(call)).toEqual({ bob: ring, carol: ring });
    const room = await createRoom(alice, { preset: "private_chat", invite: [bob.userId] });
    await join(bob, room);
    const tombstone = await alice.put<{ event_id: string }>(`/rooms/${enc(room)}/state/m.room.tombstone`, {
      body: "This room has been replaced",
      replacement_room: "!elsewhere:minou.test",
    });
    expect(await whoIsNotified(tombstone.body.event_id)).toEqual({});
  });
});

describe("direct messages and membership", () => {
  it(".m.rule.room_one_to_one and .m.rule.encrypted_room_one_to_one: two joined members, with a sound", async () => {
    expect(await whoIsNotified(await sendMessage(alice, dm, text("dm text")))).toEqual({ bob: withSound });
    expect(await whoIsNotified(await sendMessage(alice, dm, encrypted, "m.room.encrypted"))).toEqual({ bob: withSound });
  });

  it(".m.rule.invite_for_me notifies the invitee; messages notify only once they have joined", async () => {
    const room = await createRoom(alice, { preset: "private_chat" });
    const invite = await alice.post(`/rooms/${enc(room)}/invite`, { user_id: carol.userId });
    expect(invite.status).toBe(200);
    const inviteEvent = hs.roomEvents(room).at(-1)?.event_id ?? "";
    expect(await whoIsNotified(inviteEvent)).toEqual({ carol: withSound });
    // Only joined members count: alice alone plus an invitee is not a one-to-one room yet.
    expect(await whoIsNotified(await sendMessage(alice, room, text("pas encore là")))).toEqual({});
    await join(carol, room);
    expect(await whoIsNotified(hs.roomEvents(room).at(-1)?.event_id ?? "")).toEqual({}); // .m.rule.member_event
    expect(await whoIsNotified(await sendMessage(alice, room, text("bienvenue")))).toEqual({ carol: withSound });
  });

  it("counts joined members only for room_member_count (an invitee does not make a group)", async () => {
    const room = await createRoom(alice, { preset: "private_chat", invite: [bob.userId, carol.userId] });
    await join(bob, room);
    expect(await whoIsNotified(await sendMessage(alice, room, text("à deux")))).toEqual({ bob: withSound });
  });

  it("is what TestHomeserver.notificationsOf and notifiedBy report", async () => {
    const eventId = await sendMessage(alice, group, text("pour les tests"));
    const http = await bob.get<NotificationsPage>("/notifications");
    const direct = hs.notificationsOf(bob.userId);
    expect(direct.notifications.map((n) => ({ ...n, event: { ...n.event, unsigned: {} } }))).toEqual(
      http.body.notifications.map((n) => ({ ...n, event: { ...n.event, unsigned: {} } })),
    );
    expect(hs.notifiedBy(eventId)).toEqual([
      { userId: bob.userId, actions: plain, highlight: false },
      { userId: carol.userId, actions: plain, highlight: false },
    ]);
  });
});
