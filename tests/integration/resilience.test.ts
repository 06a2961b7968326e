import { afterEach, describe, expect, it } from "vitest";
import { noticeContent } from "../../src/matrix/reply-content.ts";
import { txnIdFor } from "../../src/matrix/txn-id.ts";
import type { Minou } from "../../src/minou.ts";
import { renderMessage } from "../../src/render/render-message.ts";
import { trusted } from "../../src/render/markdown.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

describe("Minou through homeserver trouble", () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function running(): Promise<{ scenario: Scenario; minou: Minou; camille: Member; roomId: string }> {
    const scenario = await createScenario();
    cleanup.push(() => scenario.homeserver.close());
    const { minou } = await startMinou(scenario);
    cleanup.push(() => minou.stop());
    const camille = await Member.connect(scenario.homeserver, "camille");
    cleanup.push(() => camille.stop());
    const roomId = await roomWithMinou(scenario, camille);
    return { scenario, minou, camille, roomId };
  }

  const minouMessages = (scenario: Scenario, roomId: string) =>
    scenario.homeserver.roomEvents(roomId).filter((event) => event.sender === scenario.bot.userId && event.type === "m.room.message");

  it("honours 429 retry_after_ms and still answers once", async () => {
    const { scenario, camille, roomId } = await running();
    scenario.homeserver.faults.rateLimit(2, 400, { method: "PUT", path: /\/send\/m\.room\.message\/minou\./ });
    const command = await camille.say(roomId, "!minou");
    const asked = Date.now();
    await camille.waitForReply(roomId, command, scenario.bot.userId);
    expect(Date.now() - asked).toBeGreaterThanOrEqual(800);
    await quietPeriod(300);
    expect(camille.repliesTo(roomId, command, scenario.bot.userId)).toHaveLength(1);
  });

  it("retries server errors on send and answers once", async () => {
    const { scenario, camille, roomId } = await running();
    scenario.homeserver.faults.serverError(3, 502, { method: "PUT", path: /\/send\/m\.room\.message\/minou\./ });
    const command = await camille.say(roomId, "!minou");
    await camille.waitForReply(roomId, command, scenario.bot.userId);
    await quietPeriod(300);
    expect(camille.repliesTo(roomId, command, scenario.bot.userId)).toHaveLength(1);
  });

  it("survives the homeserver going down and catches up when it returns", async () => {
    const { scenario, camille, roomId } = await running();
    await scenario.homeserver.stop();
    await quietPeriod(1_500);
    await scenario.homeserver.restart();
    const command = await camille.say(roomId, "!minou");
    // matrix-bot-sdk backs off 5 to 15 s after a failed sync.
    await camille.waitForReply(roomId, command, scenario.bot.userId, 25_000);
  }, 40_000);

  it("answers, once each, the commands typed while it was stopped, even more than one sync page", async () => {
    const { scenario, minou, camille, roomId } = await running();
    const before = await camille.say(roomId, "!minou");
    await camille.waitForReply(roomId, before, scenario.bot.userId);
    await minou.stop();
    const whileAway: string[] = [];
    for (let i = 0; i < 80; i += 1) whileAway.push(await camille.say(roomId, `!aide minou`));
    const { minou: again } = await startMinou(scenario);
    cleanup.push(() => again.stop());
    for (const command of whileAway) await camille.waitForReply(roomId, command, scenario.bot.userId, 20_000);
    await quietPeriod(500);
    expect(camille.repliesTo(roomId, before, scenario.bot.userId)).toHaveLength(1);
    for (const command of whileAway) expect(camille.repliesTo(roomId, command, scenario.bot.userId)).toHaveLength(1);
  }, 40_000);

  it("re-sends a reply queued before a crash with the same transaction id, so the room gets it once", async () => {
    const { scenario, minou, camille, roomId } = await running();
    await minou.stop();
    // The state a crash can leave: the reply reached the homeserver, but was never marked sent.
    const content = noticeContent(renderMessage(trusted("Réponse envoyée juste avant la panne")));
    const txnId = txnIdFor("$command-before-crash");
    const response = await fetch(`${scenario.homeserver.url}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${txnId}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${scenario.bot.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify(content),
    });
    expect(response.status).toBe(200);
    const { minou: restarted } = await startMinou(scenario);
    cleanup.push(() => restarted.stop());
    restarted.stores.outbox.enqueue({ txnId, roomId, eventType: "m.room.message", content, context: "test" }, Date.now());
    const probe = await camille.say(roomId, "!minou");
    await camille.waitForReply(roomId, probe, scenario.bot.userId);
    await waitFor(() => restarted.stores.outbox.sentEventId(txnId), "the queued reply to be marked sent");
    expect(minouMessages(scenario, roomId).filter((event) => event.content["body"] === "Réponse envoyée juste avant la panne")).toHaveLength(1);
  });

  it("gives up on a reply the homeserver always refuses with 500, tells the room, and answers what comes next at once", async () => {
    const { scenario, camille } = await running();
    // Four rooms with a reply that can never be sent: once, that silenced Minou everywhere.
    const poisoned = [await roomWithMinou(scenario, camille)];
    for (let i = 0; i < 3; i += 1) poisoned.push(await roomWithMinou(scenario, camille));
    const healthy = await roomWithMinou(scenario, camille);
    // Minou's answers that quote the command (not the member's command itself).
    const failing = scenario.homeserver.faults.serverErrorFor((content) => content["msgtype"] === "m.notice" && String(content["body"]).includes("zzpoison"));
    const commands = await Promise.all(poisoned.map((roomId) => camille.say(roomId, "!zzpoison")));
    const asked = Date.now();
    const help = await camille.say(healthy, "!minou");
    await camille.waitForReply(healthy, help, scenario.bot.userId);
    for (const [index, roomId] of poisoned.entries()) {
      const command = commands[index] ?? "";
      const notice = await camille.waitForReply(roomId, command, scenario.bot.userId, 10_000);
      expect(String(notice.getContent()["body"])).toContain("Je n'ai pas pu envoyer ma réponse à cette commande");
      // The room's next command is answered as usual.
      const next = await camille.say(roomId, "!minou");
      await camille.waitForReply(roomId, next, scenario.bot.userId);
    }
    // Three tries each (a 500 that repeats is a refusal), not twenty over thirteen minutes.
    expect(failing.failures).toBe(3 * poisoned.length);
    expect(Date.now() - asked).toBeLessThan(10_000);
    await quietPeriod(300);
    for (const [index, roomId] of poisoned.entries()) expect(camille.repliesTo(roomId, commands[index] ?? "", scenario.bot.userId)).toHaveLength(1);
  }, 30_000);
});
