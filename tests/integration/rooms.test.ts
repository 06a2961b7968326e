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
