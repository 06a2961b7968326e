import { ClientEvent, type MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import type { ClientEvent as ServerEvent } from "../homeserver/index.ts";
import { ChildMinou } from "../support/child-minou.ts";
import { Member } from "../support/member.ts";
import { createScenario, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

const COMMANDS = 100;
/** Gap between two commands of the burst, so that it spans several kills and restarts. */
const BURST_GAP_MS = 40;
const SEED = 0x5eed_2026;
/**
 * Megolm rotates a session after 100 messages by default (spec: m.room.encryption
 * `rotation_period_msgs`), and this test makes 102 answers: with a higher period, any second
 * session Minou starts is a re-key.
 */
const ENCRYPTED = [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2", rotation_period_msgs: 1_000 } }] as const;

/** mulberry32: a small seeded generator, so that every run kills Minou at the same moments. */
function seeded(seed: number): (low: number, high: number) => number {
  let state = seed >>> 0;
  return (low, high) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    return Math.floor(low + unit * (high - low));
  };
}

function repliedTo(event: ServerEvent): string | undefined {
  const relation = event.content["m.relates_to"] as { "m.in_reply_to"?: { event_id?: string } } | undefined;
  return relation?.["m.in_reply_to"]?.event_id;
}

interface DeviceKeys {
  readonly keys: Record<string, string>;
}

describe("encrypted room, exactly once across crashes", () => {
  let scenario: Scenario;
  let camille: Member;
  const children: ChildMinou[] = [];
  /** Room keys Minou's device sent to Camille's device, as her client decrypted them (to-device m.room_key). */
  const roomKeysFromMinou: { roomId: string; sessionId: string }[] = [];

  beforeAll(async () => {
    scenario = await createScenario();
    camille = await Member.connect(scenario.homeserver, "camille", { encryption: true });
    camille.client.on(ClientEvent.ToDeviceEvent, (event: MatrixEvent) => {
      if (event.getType() !== "m.room_key" || event.getSender() !== scenario.bot.userId) return;
      const content = event.getContent();
      roomKeysFromMinou.push({ roomId: String(content["room_id"]), sessionId: String(content["session_id"]) });
    });
  });

  afterAll(async () => {
    for (const child of children) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.kill("SIGKILL");
      await child.exited;
    }
    camille.stop();
    await scenario.homeserver.close();
  });

  function start(): ChildMinou {
    // Debug logs: they are printed when the test fails, and searched for key-upload errors.
    const child = ChildMinou.start(scenario, { logLevel: "debug" });
    children.push(child);
    return child;
  }

  const ready = (child: ChildMinou): Promise<true> => waitFor(() => child.output.includes("Minou ready"), "Minou ready", 20_000);

  async function kill(child: ChildMinou): Promise<void> {
    child.kill("SIGKILL");
    expect((await child.exited).signal).toBe("SIGKILL");
  }

  /** Minou's devices as any member's client sees them (POST /keys/query). */
  async function minouDevices(): Promise<Record<string, DeviceKeys>> {
    const response = await fetch(`${scenario.homeserver.url}/_matrix/client/v3/keys/query`, {
      method: "POST",
      headers: { authorization: `Bearer ${camille.client.getAccessToken() ?? ""}`, "content-type": "application/json" },
      body: JSON.stringify({ device_keys: { [scenario.bot.userId]: [] } }),
    });
    const body = (await response.json()) as { device_keys?: Record<string, Record<string, DeviceKeys>> };
    return body.device_keys?.[scenario.bot.userId] ?? {};
  }

  it("answers a burst of 100 commands exactly once, readably, with one device and one room key, although killed four times", async () => {
    const random = seeded(SEED);
    const kills: string[] = [];
    onTestFailed(() => {
      console.error(`kills: ${kills.join("; ")}`);
      for (const [index, one] of children.entries()) console.error(`--- Minou run ${index + 1} ---\n${one.output}`);
    });
    // Minou's device keys are on the homeserver before Camille invites it: had her client looked
    // them up before they were, it would not see them before the next device-list change
    // (Synapse tells only users sharing a joined room), and her first message would not be for Minou.
    let child = start();
    await ready(child);
    const roomId = await camille.createRoom({ preset: "private_chat" as never, name: "Bureau chiffré", invite: [scenario.bot.userId], initial_state: ENCRYPTED as never });
    await waitFor(() => camille.room(roomId).getMember(scenario.bot.userId)?.membership === "join", "Camille to see Minou join", 20_000);

    const fromMinou = (): ServerEvent[] => scenario.homeserver.roomEvents(roomId).filter((event) => event.sender === scenario.bot.userId && !("state_key" in event));
    const answered = (): Set<string | undefined> => new Set(fromMinou().map(repliedTo));
    const sessionOf = (event: ServerEvent | undefined): unknown => event?.content["session_id"];

    // A first answer, then a graceful restart: the next answer uses the same Megolm session and
    // no new room key reaches Camille (membership has not changed).
    const first = await camille.say(roomId, "!minou");
    await camille.waitForReply(roomId, first, scenario.bot.userId, 15_000);
    const devicesBefore = await minouDevices();
    expect(Object.keys(devicesBefore)).toEqual([scenario.bot.deviceId]);
    const sessionBefore = sessionOf(fromMinou().at(-1));
    await waitFor(() => roomKeysFromMinou.length > 0, "Camille to receive Minou's room key");
    expect(roomKeysFromMinou).toEqual([{ roomId, sessionId: sessionBefore }]);

    child.kill("SIGTERM");
    expect((await child.exited).code).toBe(0);
    child = start();
    await ready(child);
    const second = await camille.say(roomId, "!minou");
    await camille.waitForReply(roomId, second, scenario.bot.userId, 15_000);
    expect(sessionOf(fromMinou().at(-1))).toBe(sessionBefore);
    await quietPeriod(300);
    expect(roomKeysFromMinou).toHaveLength(1);

    // The burst, while Minou is killed at seeded moments: twice by the number of answers given
    // since the burst began, once at a delay after spawning (start-up: store, key upload, first
    // sync), once at a delay after "ready" (catching up with the commands sent while it was down).
    const commands: string[] = [];
    const burstDone = (async () => {
      for (let i = 0; i < COMMANDS; i += 1) {
        commands.push(await camille.say(roomId, i % 2 === 0 ? "!minou" : "!aide minou"));
        await quietPeriod(BURST_GAP_MS);
      }
    })();
    const answeredBeforeBurst = answered().size;

    const afterAnswers = random(8, 25);
    await waitFor(() => answered().size - answeredBeforeBurst >= afterAnswers, `${afterAnswers} answers in the burst`, 20_000);
    await kill(child);
    kills.push(`after ${answered().size - answeredBeforeBurst} answers, ${commands.length} commands sent`);

    child = start();
    // Loading the code takes most of a start (~3 s here); the store, key upload and first sync come last.
    const afterSpawn = random(1_500, 3_500);
    await quietPeriod(afterSpawn);
    const phase = child.output.includes("Minou ready") ? "ready" : child.output.includes("Minou started") ? "started, not ready" : "not started";
    await kill(child);
    kills.push(`${afterSpawn} ms after spawn (${phase}), ${commands.length} commands sent`);

    child = start();
    await ready(child);
    const afterReady = random(0, 400);
    await quietPeriod(afterReady);
    await kill(child);
    kills.push(`${afterReady} ms after ready, ${answered().size - answeredBeforeBurst} answers, ${commands.length} commands sent`);

    child = start();
    const moreAnswers = random(5, 15);
    const answeredSoFar = answered().size;
    await waitFor(() => answered().size - answeredSoFar >= moreAnswers, `${moreAnswers} more answers`, 20_000);
    await kill(child);
    kills.push(`after ${answered().size - answeredBeforeBurst} answers, ${commands.length} commands sent`);

    child = start();
    await burstDone;
    await waitFor(() => commands.every((command) => answered().has(command)), "every command answered", 30_000).catch((error: unknown) => {
      const missing = commands.filter((command) => !answered().has(command));
      throw new Error(`${String(error)}: ${missing.length} unanswered, first ${missing.slice(0, 3).join(", ")} (kills: ${kills.join("; ")})`);
    });
    await quietPeriod(1_000);
    // At least one kill landed while Camille was still sending.
    expect(kills.some((line) => !line.endsWith(`${COMMANDS} commands sent`))).toBe(true);

    // Exactly once: one answer per command event id, none to anything else.
    const replyCounts = new Map<string, number>();
    for (const event of fromMinou()) {
      const target = repliedTo(event);
      if (target !== undefined) replyCounts.set(target, (replyCounts.get(target) ?? 0) + 1);
    }
    expect(new Set(replyCounts.keys())).toEqual(new Set([first, second, ...commands]));
    expect([...replyCounts.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    expect(new Set(fromMinou().map((event) => event.type))).toEqual(new Set(["m.room.encrypted"]));

    // Camille reads every one of them (keys may trail the messages by a sync).
    const minouInTimeline = async (): Promise<MatrixEvent[]> =>
      (await camille.decryptedTimeline(roomId)).filter((event) => event.getSender() === scenario.bot.userId && event.getType() !== "m.room.member");
    await waitFor(async () => {
      const events = await minouInTimeline();
      return events.length === replyCounts.size && events.every((event) => !event.isDecryptionFailure());
    }, "Camille to decrypt all of Minou's answers", 15_000).catch(() => undefined);
    const inTimeline = await minouInTimeline();
    expect(inTimeline.filter((event) => event.isDecryptionFailure()).map((event) => `${event.getId() ?? "?"}: ${event.decryptionFailureReason ?? "?"}`)).toEqual([]);
    expect(inTimeline.map((event) => event.getType())).toEqual(inTimeline.map(() => "m.room.message"));
    expect(inTimeline).toHaveLength(replyCounts.size);

    // One device, with the same identity keys as before the crashes: no new device per start.
    expect(await minouDevices()).toEqual(devicesBefore);
    const logs = children.map((one) => one.output).join("\n");
    expect(logs).not.toMatch(/already exists/i);
    expect(logs).not.toMatch(/M_UNKNOWN/);

    // Membership never changed: however the kills fell, Camille got one room key from Minou.
    const sessions = new Set(fromMinou().map(sessionOf));
    expect([...sessions]).toEqual([sessionBefore]);
    expect(roomKeysFromMinou).toEqual([{ roomId, sessionId: sessionBefore }]);

    child.kill("SIGTERM");
    expect((await child.exited).code).toBe(0);
  }, 90_000);
});
