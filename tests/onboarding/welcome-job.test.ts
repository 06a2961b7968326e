import { describe, expect, it } from "vitest";
import { welcomeTextSetting } from "../../src/onboarding/settings.ts";
import { WelcomeJob } from "../../src/onboarding/welcome-job.ts";
import type { Stores } from "../../storage/index.ts";
import { captureLog } from "../support/capture-log.ts";
import { memoryStores } from "../support/memory-stores.ts";

const NOW = Date.UTC(2026, 10, 26, 9, 0);
const DELAY = 60_000;
const JARDINS = "!jardins:x";
const CHORALE = "!chorale:x";

function setup(displayName: (roomId: string, userId: string) => string | undefined = () => undefined) {
  const stores = memoryStores();
  for (const roomId of [JARDINS, CHORALE]) stores.rooms.recordJoin(roomId, 0);
  const { log, lines } = captureLog();
  const job = new WelcomeJob(stores, { defaultLanguage: "fr", prefix: "!" }, { displayName }, DELAY, () => NOW, () => undefined, log);
  return { stores, job, lines };
}

/** The welcomes queued, by room. */
function welcomes(stores: Stores): Record<string, string> {
  const sent: Record<string, string> = {};
  for (const roomId of [JARDINS, CHORALE]) {
    for (let next = stores.outbox.nextForRoom(roomId); next !== undefined; next = stores.outbox.nextForRoom(roomId)) {
      sent[roomId] = String(next.content["body"]);
      stores.outbox.markSent(next.id, "$sent", 0);
    }
  }
  return sent;
}

describe("the welcome job", () => {
  it("welcomes with Minou's default text where the room's own nests too deeply (stored before that was refused)", () => {
    const { stores, job, lines } = setup();
    stores.roomSettings.set(JARDINS, welcomeTextSetting, `${">".repeat(3_990)} Présentez-vous !`);
    stores.roomSettings.set(CHORALE, welcomeTextSetting, "Ici on **chante** !");
    stores.onboarding.welcome.queueWelcome(JARDINS, "@camille:x", NOW - 2 * DELAY);
    stores.onboarding.welcome.queueWelcome(CHORALE, "@sacha:x", NOW - 2 * DELAY);
    job.run(NOW);
    const sent = welcomes(stores);
    expect(sent[JARDINS]).toMatch(/^👋 Bienvenue @camille:x !\n\nVous êtes dans le salon de l'association\. Je suis Minou/u);
    expect(sent[CHORALE]).toBe("👋 Bienvenue @sacha:x !\n\nIci on chante !");
    expect(lines.filter((line) => line.includes("welcome text nests too deeply") && line.includes(JARDINS))).toHaveLength(1);
  });

  it("skips a room whose welcome fails, welcomes the others, logs it once, and welcomes it once it works again", () => {
    let broken = true;
    const { stores, job, lines } = setup((roomId) => {
      if (broken && roomId === JARDINS) throw new Error("member list unreadable");
      return undefined;
    });
    stores.onboarding.welcome.queueWelcome(JARDINS, "@camille:x", NOW - 2 * DELAY);
    stores.onboarding.welcome.queueWelcome(CHORALE, "@sacha:x", NOW - 2 * DELAY);
    job.run(NOW);
    job.run(NOW + 30_000);
    expect(Object.keys(welcomes(stores))).toEqual([CHORALE]);
    const failures = lines.filter((line) => line.includes("scheduled item failed"));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain(`"roomId":"${JARDINS}"`);
    expect(failures[0]).toContain("member list unreadable");
    // Not lost: the newcomer is still waiting, and welcomed on the next run that works.
    broken = false;
    job.run(NOW + 60_000);
    expect(welcomes(stores)[JARDINS]).toMatch(/^👋 Bienvenue @camille:x !/u);
    job.stop();
  });
});
