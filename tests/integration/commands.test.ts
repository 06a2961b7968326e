import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { quietPeriod } from "../support/wait.ts";

describe("Minou answers commands in Element-like rooms (real SDKs over HTTP)", () => {
  let scenario: Scenario;
  let minou: Minou;
  let logLines: string[];
  let camille: Member;
  let dominique: Member;
  let roomId: string;

  beforeAll(async () => {
    scenario = await createScenario({ logLevel: "trace" });
    ({ minou, logLines } = await startMinou(scenario));
    camille = await Member.connect(scenario.homeserver, "camille");
    dominique = await Member.connect(scenario.homeserver, "dominique");
    roomId = await roomWithMinou(scenario, dominique, { invite: [camille.userId], power_level_content_override: { users: { [`@dominique:${scenario.homeserver.serverName}`]: 100 } } });
    await camille.join(roomId);
  });

  afterAll(async () => {
    camille.stop();
    dominique.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("joins a room it is invited to from the centre's server", () => {
    expect(scenario.homeserver.stateContent(roomId, "m.room.member", scenario.bot.userId)?.["membership"]).toBe("join");
  });

  it("answers !aide with a French notice replying to the command", async () => {
    const command = await camille.say(roomId, "!aide");
    const answer = await camille.waitForReply(roomId, command, scenario.bot.userId);
    expect(answer.getContent()).toMatchObject({ msgtype: "m.notice", format: "org.matrix.custom.html", "m.mentions": {} });
    expect(answer.getContent()["body"]).toContain("Voici ce que je sais faire");
    // A member does not see moderator commands in the overview.
    expect(answer.getContent()["body"]).not.toContain("!langue");
  });

  it("answers inside a thread when asked in a thread, and when addressed by name", async () => {
    const root = await camille.say(roomId, "Question sur l'agenda");
    const command = await camille.say(roomId, "Minou : aide minou", {
      "m.relates_to": { rel_type: "m.thread", event_id: root, is_falling_back: true, "m.in_reply_to": { event_id: root } },
    });
    const answer = await camille.waitForReply(roomId, command, scenario.bot.userId);
    expect(answer.getContent()["m.relates_to"]).toEqual({ rel_type: "m.thread", event_id: root, is_falling_back: false, "m.in_reply_to": { event_id: command } });
    expect(answer.getContent()["body"]).toContain("!minou — qui est Minou");
  });

  it("suggests the closest command for a typo", async () => {
    const command = await camille.say(roomId, "!agnda");
    const answer = await camille.waitForReply(roomId, command, scenario.bot.userId);
    expect(answer.getContent()["body"]).toMatch(/^Je ne connais pas la commande !agnda\./);
    const close = await camille.say(roomId, "!aied");
    expect((await camille.waitForReply(roomId, close, scenario.bot.userId)).getContent()["body"]).toContain("Vouliez-vous dire !aide ?");
  });

  it("refuses a moderator command to a member, politely, and changes nothing", async () => {
    const command = await camille.say(roomId, "!langue en");
    const answer = await camille.waitForReply(roomId, command, scenario.bot.userId);
    expect(answer.getContent()["body"]).toMatch(/^Désolé, !langue est réservée aux modérateurs du salon/);
    expect(minou.stores.rooms.get(roomId)?.language).toBeNull();
  });

  it("switches to English for a moderator, then answers !help in English", async () => {
    const switchCommand = await dominique.say(roomId, "!langue en");
    expect((await dominique.waitForReply(roomId, switchCommand, scenario.bot.userId)).getContent()["body"]).toBe("Noted: I will speak English in this room.");
    const help = await camille.say(roomId, "!help");
    const answer = await camille.waitForReply(roomId, help, scenario.bot.userId);
    expect(answer.getContent()["body"]).toContain("Here is what I can do for you");
    const backToFrench = await dominique.say(roomId, "!language fr");
    await dominique.waitForReply(roomId, backToFrench, scenario.bot.userId);
  });

  it("never logs its access token, even at trace level", async () => {
    await quietPeriod(100);
    expect(logLines.length).toBeGreaterThan(50);
    expect(logLines.some((line) => line.includes(scenario.bot.accessToken))).toBe(false);
  });

  it("answers each command exactly once", async () => {
    const commands = await Promise.all(["!minou", "!aide", "!about"].map((body) => camille.say(roomId, body)));
    for (const command of commands) await camille.waitForReply(roomId, command, scenario.bot.userId);
    await quietPeriod(500);
    for (const command of commands) expect(camille.repliesTo(roomId, command, scenario.bot.userId)).toHaveLength(1);
  });
});
