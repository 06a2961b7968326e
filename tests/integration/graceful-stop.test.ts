import { afterEach, describe, expect, it } from "vitest";
import { txnIdFor } from "../../src/matrix/txn-id.ts";
import type { ClientEvent } from "../homeserver/index.ts";
import { ChildMinou } from "../support/child-minou.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { SyncGate } from "../support/sync-gate.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

function repliedTo(event: ClientEvent): string | undefined {
  const relation = event.content["m.relates_to"] as { "m.in_reply_to"?: { event_id?: string } } | undefined;
  return relation?.["m.in_reply_to"]?.event_id;
}

describe("a sync answer that arrives while Minou is stopping", () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it("is stored with its token or not at all, and a reply in flight or queued is sent once", async () => {
    const scenario = await createScenario();
    cleanup.push(() => scenario.homeserver.close());
    const gate = await SyncGate.start(scenario.homeserver.url);
    cleanup.push(() => gate.close());
    const gated: Scenario = { ...scenario, config: { ...scenario.config, homeserverUrl: gate.url } };
    const { minou } = await startMinou(gated);
    let running = minou;
    cleanup.push(() => running.stop());
    const camille = await Member.connect(scenario.homeserver, "camille");
    cleanup.push(() => camille.stop());
    const roomId = await roomWithMinou(scenario, camille);
    const bot = scenario.bot.userId;

    // Replies leave slowly, so that stopping waits for the one in flight: the window the issue saw.
    scenario.homeserver.faults.latency(2_000, { method: "PUT", path: /\/send\/m\.room\.message\/minou\./ });
    const inFlight = await camille.say(roomId, "!minou");
    await waitFor(() => minou.stores.inbound.isHandled(inFlight), "the first command handled");
    const queued = await camille.say(roomId, "!minou");
    await waitFor(() => minou.stores.inbound.isHandled(queued), "the second command handled");
    expect(minou.stores.outbox.pendingInRoom(roomId, 10).map((message) => message.txnId)).toContain(txnIdFor(queued));

    const { held, release } = gate.holdSyncAnswerContaining("!aide minou");
    const late = await camille.say(roomId, "!aide minou");
    await held;
    const stopping = minou.stop();
    release();
    await stopping;
    scenario.homeserver.faults.clear();

    ({ minou: running } = await startMinou(gated));
    await camille.waitForReply(roomId, late, bot);
    await camille.waitForReply(roomId, queued, bot);
    await quietPeriod(500);
    for (const command of [inFlight, queued, late]) expect(camille.repliesTo(roomId, command, bot)).toHaveLength(1);
    expect(running.stores.outbox.sentEventId(txnIdFor(queued))).toBe(camille.repliesTo(roomId, queued, bot)[0]?.getId());
  }, 30_000);
});

/** mulberry32: a small seeded generator, so that each run picks the same moments. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const COMMANDS = 100;
const SEEDS = [1, 2, 3];

describe("SIGTERM (systemctl restart minou) while commands arrive", () => {
  const children: ChildMinou[] = [];
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.kill("SIGKILL");
      await child.exited;
    }
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it(`answers ${COMMANDS} commands exactly once across each restart (seeds ${SEEDS.join(", ")})`, async () => {
    const scenario = await createScenario();
    cleanup.push(() => scenario.homeserver.close());
    const camille = await Member.connect(scenario.homeserver, "camille");
    cleanup.push(() => camille.stop());
    const roomId = await camille.createRoom({ name: "Redémarrages", invite: [scenario.bot.userId] });
    // Synapse takes tens of ms to accept a message; this server answers at once, which would leave
    // a stop almost no time during which a sync answer could arrive.
    scenario.homeserver.faults.latency(25, { method: "PUT", path: /\/send\/m\.room\.message\/minou\./ });
    let running = ChildMinou.start(scenario);
    children.push(running);
    await waitFor(() => scenario.homeserver.stateContent(roomId, "m.room.member", scenario.bot.userId)?.["membership"] === "join", "Minou to join", 20_000);

    const answers = () =>
      scenario.homeserver
        .roomEvents(roomId)
        .filter((event) => event.sender === scenario.bot.userId && event.type === "m.room.message")
        .map(repliedTo);
    const everyCommand: string[] = [];
    for (const seed of SEEDS) {
      const random = seeded(seed);
      const stopAfter = 10 + Math.floor(random() * 80);
      const delayMs = Math.floor(random() * 50);
      const stopping = running;
      let stopped: Promise<{ code: number | null }> | undefined;
      const commands: string[] = [];
      for (let i = 0; i < COMMANDS; i += 1) {
        commands.push(await camille.say(roomId, i % 2 === 0 ? "!minou" : "!aide minou"));
        if (i + 1 === stopAfter) {
          stopped = quietPeriod(delayMs).then(() => {
            stopping.kill("SIGTERM");
            return stopping.exited;
          });
        }
      }
      expect((await stopped)?.code, `seed ${seed}: exit code after SIGTERM`).toBe(0);
      everyCommand.push(...commands);

      running = ChildMinou.start(scenario);
      children.push(running);
      const sent = new Set(commands);
      await waitFor(
        () => new Set(answers().filter((id) => id !== undefined && sent.has(id))).size >= COMMANDS,
        `seed ${seed}: every command answered (SIGTERM ${delayMs} ms after command ${stopAfter})`,
        20_000,
      );
    }
    await quietPeriod(500);
    expect(answers().filter((id) => id !== undefined).sort()).toEqual([...everyCommand].sort());
    running.kill("SIGTERM");
    expect((await running.exited).code).toBe(0);
  }, 90_000);
});
