import { afterEach, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { quietPeriod } from "../support/wait.ts";

const ENCRYPTED = [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }] as const;

describe("encrypted rooms", () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function running(): Promise<{ scenario: Scenario; minou: Minou; camille: Member }> {
    const scenario = await createScenario();
    cleanup.push(() => scenario.homeserver.close());
    const { minou } = await startMinou(scenario);
    cleanup.push(() => minou.stop());
    const camille = await Member.connect(scenario.homeserver, "camille", { encryption: true });
    cleanup.push(() => camille.stop());
    return { scenario, minou, camille };
  }

  it("answers a command in a room Element encrypted, with an encrypted notice the member reads", async () => {
    const { scenario, camille } = await running();
    const roomId = await roomWithMinou(scenario, camille, { name: "Bureau", initial_state: ENCRYPTED as never });
    const command = await camille.say(roomId, "!aide");
    const reply = await camille.waitForReply(roomId, command, scenario.bot.userId, 15_000);
    expect(reply.getContent()["msgtype"]).toBe("m.notice");
    expect(String(reply.getContent()["body"])).toContain("!agenda");
    expect(reply.isEncrypted()).toBe(true);
    // On the wire, nothing Minou wrote in this room is readable by the homeserver.
    const fromMinou = scenario.homeserver.roomEvents(roomId).filter((event) => event.sender === scenario.bot.userId && !("state_key" in event));
    expect(fromMinou.map((event) => event.type)).toEqual(["m.room.encrypted"]);
    await quietPeriod(300);
    expect(camille.repliesTo(roomId, command, scenario.bot.userId)).toHaveLength(1);
  });
});
