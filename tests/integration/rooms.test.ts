import { afterEach, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

describe("rooms Minou is invited to", () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function running(overrides: Parameters<typeof createScenario>[0] = {}): Promise<{ scenario: Scenario; minou: Minou; camille: Member }> {
    const scenario = await createScenario(overrides);
    cleanup.push(() => scenario.homeserver.close());
    const { minou } = await startMinou(scenario);
    cleanup.push(() => minou.stop());
    const camille = await Member.connect(scenario.homeserver, "camille");
    cleanup.push(() => camille.stop());
    return { scenario, minou, camille };
  }

  it("refuses an invite from a server that is not the centre's, and leaves", async () => {
    const { scenario, minou, camille } = await running({ allowedServers: ["centre-social-les-tilleuls.fr"] });
    const roomId = await camille.createRoom({ name: "Ailleurs", invite: [scenario.bot.userId] });
    await waitFor(() => scenario.homeserver.stateContent(roomId, "m.room.member", scenario.bot.userId)?.["membership"] === "leave", "Minou to refuse");
    // Minou records the refusal once the homeserver has answered its leave.
    await waitFor(() => minou.stores.rooms.get(roomId)?.membership === "rejected", "the refusal to be recorded");
    expect(minou.stores.rooms.get(roomId)).toMatchObject({ membership: "rejected", inviter: camille.userId });
    await quietPeriod(300);
    expect(scenario.homeserver.stateContent(roomId, "m.room.member", scenario.bot.userId)?.["membership"]).toBe("leave");
  });

  it("posts one notice in an encrypted room, in the room's language, and survives encrypted events", async () => {
    const { scenario, camille } = await running();
    const roomId = await roomWithMinou(scenario, camille, {
      name: "Bureau (chiffré)",
      initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
    });
    const notice = await waitFor(
      () => camille.timeline(roomId).find((event) => event.getSender() === scenario.bot.userId && event.getType() === "m.room.message"),
      "the encryption notice",
    );
    expect(notice.getContent()["msgtype"]).toBe("m.notice");
    expect(notice.getContent()["body"]).toMatch(/^Bonjour ! Ce salon est chiffré de bout en bout/);
    // Element sends ciphertext Minou cannot read: it must not crash nor repeat itself.
    for (let i = 0; i < 3; i += 1) {
      await camille.sendRaw(roomId, "m.room.encrypted", {
        algorithm: "m.megolm.v1.aes-sha2",
        ciphertext: "AwgAEnAC…",
        device_id: "ELEMENT",
        sender_key: "k",
        session_id: "s",
      });
    }
    // A client without encryption could still send a plain command: Minou answers it normally.
    const probe = await camille.sendRaw(roomId, "m.room.message", { msgtype: "m.text", body: "!aide" });
    await camille.waitForReply(roomId, probe, scenario.bot.userId);
    await quietPeriod(600);
    const fromMinou = camille.timeline(roomId).filter((event) => event.getSender() === scenario.bot.userId && event.getType() === "m.room.message");
    expect(fromMinou.filter((event) => /chiffré de bout en bout/.test(String(event.getContent()["body"])))).toHaveLength(1);
    expect(fromMinou).toHaveLength(2);
  });

  it("speaks English in its encrypted-room notice when the centre's default is English", async () => {
    const { scenario, camille } = await running({ defaultLanguage: "en" });
    const roomId = await roomWithMinou(scenario, camille, {
      initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
    });
    const notice = await waitFor(
      () => camille.timeline(roomId).find((event) => event.getSender() === scenario.bot.userId && event.getType() === "m.room.message"),
      "the encryption notice",
    );
    expect(notice.getContent()["body"]).toMatch(/^Hello! This room is end-to-end encrypted/);
  });

  it("does not answer commands typed before it joined", async () => {
    const { scenario, camille } = await running();
    const roomId = await camille.createRoom({ name: "Avant Minou" });
    const early = await camille.say(roomId, "!aide");
    await camille.client.invite(roomId, scenario.bot.userId);
    await waitFor(() => scenario.homeserver.stateContent(roomId, "m.room.member", scenario.bot.userId)?.["membership"] === "join", "Minou to join");
    const later = await camille.say(roomId, "!aide");
    await camille.waitForReply(roomId, later, scenario.bot.userId);
    expect(camille.repliesTo(roomId, early, scenario.bot.userId)).toHaveLength(0);
  });

  it("warns a member who floods it once, then ignores them for a while; others are still answered", async () => {
    const { scenario, camille } = await running({ floodGuard: { maxCommands: 3, perSeconds: 60, muteSeconds: 60 } });
    const roomId = await roomWithMinou(scenario, camille);
    const dominique = await Member.connect(scenario.homeserver, "dominique");
    cleanup.push(() => dominique.stop());
    await camille.client.invite(roomId, dominique.userId);
    await dominique.join(roomId);
    const burst: string[] = [];
    for (let i = 0; i < 6; i += 1) burst.push(await camille.say(roomId, "!minou"));
    const other = await dominique.say(roomId, "!minou");
    await camille.waitForReply(roomId, other, scenario.bot.userId);
    await quietPeriod(300);
    const answered = burst.map((command) => camille.repliesTo(roomId, command, scenario.bot.userId)[0]?.getContent()["body"] as string | undefined);
    expect(answered.slice(0, 3).every((body) => body?.startsWith("Minou "))).toBe(true);
    expect(answered[3]).toMatch(/^Doucement !/);
    expect(answered.slice(4)).toEqual([undefined, undefined]);
  });
});
