import { afterEach, describe, expect, it } from "vitest";
import { setUpDevice } from "../../src/crypto/device-setup.ts";
import { Minou } from "../../src/minou.ts";
import { captureLog } from "../support/capture-log.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

const ENCRYPTED = [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }] as const;

describe("encrypted rooms", () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  let clock = Date.now();
  const now = (): number => clock;

  async function running(options: { crossSigned?: boolean; onlyCrossSignedDevices?: boolean } = {}): Promise<{ scenario: Scenario; minou: Minou; camille: Member; logLines: string[] }> {
    clock = Date.now();
    const scenario = await createScenario();
    cleanup.push(() => scenario.homeserver.close());
    if (options.crossSigned === true) {
      // What npm run login does for the device Minou then uses.
      const { bot, homeserver, dataDirectory } = scenario;
      await setUpDevice({ homeserverUrl: homeserver.url, userId: bot.userId, deviceId: bot.deviceId, accessToken: bot.accessToken, password: "password", dataDirectory, log: captureLog("warn").log });
    }
    const { minou, logLines } = await startMinou(scenario, now);
    cleanup.push(() => minou.stop());
    const camille = await Member.connect(scenario.homeserver, "camille", { encryption: true, onlyCrossSignedDevices: options.onlyCrossSignedDevices === true });
    cleanup.push(() => camille.stop());
    return { scenario, minou, camille, logLines };
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

  it("answers a command whose room key comes late once the key arrives, exactly once", async () => {
    const { scenario, minou, camille } = await running();
    const roomId = await roomWithMinou(scenario, camille, { initial_state: ENCRYPTED as never });
    scenario.homeserver.holdToDevice(scenario.bot.userId);
    const command = await camille.say(roomId, "!minou");
    await waitFor(() => minou.stores.inbound.awaitingKey().length === 1 || undefined, "the command to wait for its key");
    await quietPeriod(500);
    expect(camille.repliesTo(roomId, command, scenario.bot.userId)).toHaveLength(0);
    scenario.homeserver.releaseToDevice(scenario.bot.userId);
    const reply = await camille.waitForReply(roomId, command, scenario.bot.userId, 15_000);
    expect(String(reply.getContent()["body"])).toContain("Minou");
    await quietPeriod(500);
    expect(camille.repliesTo(roomId, command, scenario.bot.userId)).toHaveLength(1);
    expect(minou.stores.inbound.awaitingKey()).toHaveLength(0);
  });

  it("logs a message that never becomes readable and does not answer it", async () => {
    const { scenario, minou, camille, logLines } = await running();
    const roomId = await roomWithMinou(scenario, camille, { initial_state: ENCRYPTED as never });
    // Ciphertext that is not even well-formed: it will never open.
    const broken = await camille.sendRaw(roomId, "m.room.encrypted", { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "AwgAEnACbm9uc2Vuc2U", device_id: "ELEMENT", sender_key: "k", session_id: "perdue" });
    // A real message whose room key never reaches Minou.
    scenario.homeserver.holdToDevice(scenario.bot.userId);
    const lost = await camille.say(roomId, "!minou");
    await waitFor(() => logLines.find((line) => line.includes("encrypted event not readable") && line.includes(broken)), "the broken event logged");
    await waitFor(() => minou.stores.inbound.awaitingKey().length === 1 || undefined, "the message to wait for its key");
    // A day later, at the next start, Minou gives up on the one still waiting for its key.
    const stopFirst = cleanup.splice(1, 1)[0];
    await stopFirst?.();
    clock += 25 * 60 * 60 * 1000;
    const restarted = await startMinou(scenario, now);
    cleanup.push(() => restarted.minou.stop());
    expect(restarted.minou.stores.inbound.awaitingKey()).toHaveLength(0);
    expect(restarted.logLines.some((line) => line.includes("encrypted event never became readable") && line.includes(lost))).toBe(true);
    await quietPeriod(500);
    expect(camille.repliesTo(roomId, lost, scenario.bot.userId)).toHaveLength(0);
    expect(camille.repliesTo(roomId, broken, scenario.bot.userId)).toHaveLength(0);
  });

  it("refuses to start a second Minou on the same crypto store", async () => {
    const { scenario } = await running();
    const second = new Minou({ config: scenario.config, accessToken: scenario.bot.accessToken, log: captureLog("error").log });
    await expect(second.start()).rejects.toThrow(/Un autre Minou utilise déjà/);
    await second.stop();
  });

  it("is read by a member whose client accepts only cross-signed devices, once npm run login has cross-signed it", async () => {
    const { scenario, camille } = await running({ crossSigned: true, onlyCrossSignedDevices: true });
    const roomId = await roomWithMinou(scenario, camille, { initial_state: ENCRYPTED as never });
    // Element requires the member's own identity before it excludes insecure devices.
    await camille.bootstrapCrossSigning();
    await camille.crypto.getUserDeviceInfo([scenario.bot.userId], true);
    const status = await camille.crypto.getDeviceVerificationStatus(scenario.bot.userId, scenario.bot.deviceId);
    expect(status?.signedByOwner).toBe(true);
    const command = await camille.say(roomId, "!aide");
    const reply = await camille.waitForReply(roomId, command, scenario.bot.userId, 15_000);
    expect(reply.isDecryptionFailure()).toBe(false);
    expect(String(reply.getContent()["body"])).toContain("!agenda");
  });
});
