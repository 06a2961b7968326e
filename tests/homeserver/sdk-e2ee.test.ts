// matrix-js-sdk 37 with its Rust crypto against the test homeserver, as Element would use it:
// members exchange megolm-encrypted messages, a latecomer reads what follows their join, and a
// cross-signing bootstrap (with the password user-interactive auth) is seen by another member.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Preset, type ICreateRoomOpts, type MatrixEvent } from "matrix-js-sdk";
import { Member } from "../support/member.ts";
import { waitFor } from "../support/wait.ts";
import { TestHomeserver } from "./index.ts";

let hs: TestHomeserver;
const members: Member[] = [];

async function connect(localpart: string, options: Parameters<typeof Member.connect>[2] = { encryption: true }): Promise<Member> {
  const member = await Member.connect(hs, localpart, options);
  members.push(member);
  return member;
}

const encryptedRoom: ICreateRoomOpts = {
  preset: Preset.PrivateChat,
  initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
};

/** The first message from `sender` whose decrypted body is `body`, in the member's timeline. */
function messageFrom(member: Member, roomId: string, sender: string, body: string): Promise<MatrixEvent> {
  return waitFor(
    () => member.timeline(roomId).find((event) => event.getSender() === sender && event.getContent()["body"] === body),
    `${member.userId} decrypting "${body}"`,
  );
}

beforeAll(async () => {
  // Rate limits are conformance-ratelimits.test.ts's subject; here every registered account is exempt.
  hs = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
});
afterAll(async () => {
  for (const member of members) member.stop();
  await hs.close();
});

describe("end-to-end encryption with matrix-js-sdk", () => {
  it("exchanges megolm messages both ways, and a latecomer reads what follows their join", async () => {
    const alice = await connect("alice");
    const bob = await connect("bob");
    const roomId = await alice.createRoom({ ...encryptedRoom, invite: [bob.userId] });
    await waitFor(() => bob.client.getRoom(roomId) ?? undefined, "bob's invite");
    await bob.join(roomId);
    await waitFor(() => alice.room(roomId).getMember(bob.userId)?.membership === "join", "alice seeing bob's join");

    const fromAlice = await alice.say(roomId, "Bonjour Bob");
    const seenByBob = await messageFrom(bob, roomId, alice.userId, "Bonjour Bob");
    expect(seenByBob.getId()).toBe(fromAlice);
    expect(seenByBob.isEncrypted()).toBe(true);
    expect(seenByBob.isDecryptionFailure()).toBe(false);
    // What the server holds is ciphertext.
    const stored = hs.roomEvents(roomId).find((event) => event.event_id === fromAlice);
    expect(stored?.type).toBe("m.room.encrypted");
    expect(stored?.content).toMatchObject({ algorithm: "m.megolm.v1.aes-sha2", ciphertext: expect.any(String) });

    await bob.say(roomId, "Salut Alice");
    await messageFrom(alice, roomId, bob.userId, "Salut Alice");

    const carol = await connect("carol");
    await alice.client.invite(roomId, carol.userId);
    await waitFor(() => carol.client.getRoom(roomId) ?? undefined, "carol's invite");
    await carol.join(roomId);
    await waitFor(() => alice.room(roomId).getMember(carol.userId)?.membership === "join", "alice seeing carol's join");
    await alice.say(roomId, "Bienvenue Carol");
    await messageFrom(carol, roomId, alice.userId, "Bienvenue Carol");
    await bob.say(roomId, "Re-bonjour");
    await messageFrom(carol, roomId, bob.userId, "Re-bonjour");
    await messageFrom(alice, roomId, bob.userId, "Re-bonjour");
  });

  it("bootstraps cross-signing through the password auth, and another member sees the device cross-signed", async () => {
    const dana = await connect("dana");
    const eve = await connect("eve");
    const roomId = await dana.createRoom({ ...encryptedRoom, invite: [eve.userId] });
    await waitFor(() => eve.client.getRoom(roomId) ?? undefined, "eve's invite");
    await eve.join(roomId);

    const danaDevice = dana.client.getDeviceId() ?? "";
    await dana.bootstrapCrossSigning();
    expect(await dana.crypto.isCrossSigningReady()).toBe(true);
    const status = await waitFor(async () => {
      const seen = await eve.crypto.getDeviceVerificationStatus(dana.userId, danaDevice);
      return seen?.signedByOwner === true ? seen : undefined;
    }, "eve seeing dana's device signed by dana");
    expect(status.signedByOwner).toBe(true);
    const identity = await eve.crypto.getUserVerificationStatus(dana.userId);
    expect(identity.isCrossSigningVerified()).toBe(false); // eve has not verified dana herself
  });

  it("withholds room keys from devices that are not cross-signed when excluding insecure devices", async () => {
    const fanny = await connect("fanny", { onlyCrossSignedDevices: true });
    const gaston = await connect("gaston");
    const hugo = await connect("hugo");
    // The sender must be cross-signed itself to encrypt in this mode.
    await fanny.bootstrapCrossSigning();
    await hugo.bootstrapCrossSigning();
    const roomId = await fanny.createRoom({ ...encryptedRoom, invite: [gaston.userId, hugo.userId] });
    for (const member of [gaston, hugo]) {
      await waitFor(() => member.client.getRoom(roomId) ?? undefined, `${member.userId}'s invite`);
      await member.join(roomId);
    }
    await waitFor(() => fanny.room(roomId).getJoinedMemberCount() === 3, "everyone joined");
    await fanny.say(roomId, "Pour les appareils vérifiés");
    await messageFrom(hugo, roomId, fanny.userId, "Pour les appareils vérifiés");
    const atGaston = await waitFor(
      () => gaston.timeline(roomId).find((event) => event.getSender() === fanny.userId && event.isDecryptionFailure()),
      "gaston's undecryptable copy",
    );
    expect(atGaston.getContent()["body"]).not.toBe("Pour les appareils vérifiés");
  });
});
