import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientEvent } from "../homeserver/index.ts";
import { ChildMinou } from "../support/child-minou.ts";
import { Member } from "../support/member.ts";
import { createScenario, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

const COMMANDS = 200;

function repliedTo(event: ClientEvent): string | undefined {
  const relation = event.content["m.relates_to"] as { "m.in_reply_to"?: { event_id?: string } } | undefined;
  return relation?.["m.in_reply_to"]?.event_id;
}

describe("exactly once across a crash", () => {
  let scenario: Scenario;
  let camille: Member;
  const children: ChildMinou[] = [];

  beforeAll(async () => {
    scenario = await createScenario();
    camille = await Member.connect(scenario.homeserver, "camille");
  });

  afterAll(async () => {
    for (const child of children) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.kill("SIGKILL");
      await child.exited;
    }
    camille.stop();
    await scenario.homeserver.close();
  });

  it("answers 200 commands exactly once although Minou is killed with SIGKILL halfway", async () => {
    const roomId = await camille.createRoom({ name: "Crash test", invite: [scenario.bot.userId] });
    const first = ChildMinou.start(scenario);
    children.push(first);
    await waitFor(() => scenario.homeserver.stateContent(roomId, "m.room.member", scenario.bot.userId)?.["membership"] === "join", "Minou to join", 20_000);

    const replies = () =>
      scenario.homeserver.roomEvents(roomId).filter((event) => event.sender === scenario.bot.userId && event.type === "m.room.message");
    const commands: string[] = [];
    const sending = (async () => {
      for (let i = 0; i < COMMANDS; i += 1) commands.push(await camille.say(roomId, i % 2 === 0 ? "!minou" : "!aide minou"));
    })();
    await waitFor(() => replies().length >= COMMANDS / 2, "half of the answers", 30_000);
    first.kill("SIGKILL");
    const { signal } = await first.exited;
    expect(signal).toBe("SIGKILL");
    const answeredBeforeCrash = replies().length;
    await sending;

    const second = ChildMinou.start(scenario);
    children.push(second);
    await waitFor(() => new Set(replies().map(repliedTo)).size >= COMMANDS, "every command answered", 60_000);
    await quietPeriod(1_500);

    const answered = replies().map(repliedTo);
    expect(answeredBeforeCrash).toBeGreaterThanOrEqual(COMMANDS / 2);
    expect(answeredBeforeCrash).toBeLessThan(COMMANDS);
    expect(answered).toHaveLength(COMMANDS);
    expect(new Set(answered)).toEqual(new Set(commands));
    second.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
  }, 120_000);
});
