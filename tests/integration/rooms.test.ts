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

  /** Every value of every table of Minou's database, as text: where a trace would show. */
  function databaseText(minou: Minou): string {
    const { db } = minou.stores;
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    return tables.map((table) => JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all())).join("\n");
  }

  it("refuses an invite from a server that is not the centre's, leaves, and keeps nothing about it", async () => {
    const { scenario, minou, camille } = await running({ allowedServers: ["centre-social-les-tilleuls.fr"] });
    const roomId = await camille.createRoom({ name: "Ailleurs", invite: [scenario.bot.userId] });
    // A DM too: matrix-bot-sdk would have noted it, and its inviter, in Minou's m.direct.
    const direct = await camille.createRoom({ name: "Salut Minou", is_direct: true, preset: "trusted_private_chat" as never, invite: [scenario.bot.userId] });
    for (const room of [roomId, direct]) {
      await waitFor(() => scenario.homeserver.stateContent(room, "m.room.member", scenario.bot.userId)?.["membership"] === "leave", "Minou to refuse");
      await waitFor(() => minou.stores.rooms.get(room) === undefined || undefined, "the invite to be forgotten");
    }
    await quietPeriod(300);
    expect(scenario.homeserver.stateContent(roomId, "m.room.member", scenario.bot.userId)?.["membership"]).toBe("leave");
    // The sync that shows the leave brought nothing back either: no inviter, no room name, no room.
    const stored = databaseText(minou);
    for (const trace of [camille.userId, "Ailleurs", "Salut Minou", roomId, direct]) expect(stored).not.toContain(trace);
    const accountData = await fetch(`${scenario.homeserver.url}/_matrix/client/v3/user/${encodeURIComponent(scenario.bot.userId)}/account_data/m.direct`, {
      headers: { Authorization: `Bearer ${scenario.bot.accessToken}` },
    });
    expect(accountData.status).toBe(404);
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
