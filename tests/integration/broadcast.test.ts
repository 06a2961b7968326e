import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enc, RawClient } from "../homeserver/raw-client.ts";
import type { ClientEvent } from "../homeserver/index.ts";
import { ChildMinou } from "../support/child-minou.ts";
import { roomsWithBot } from "../support/many-rooms.ts";
import { Member } from "../support/member.ts";
import { createScenario, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

const ROOMS = 300;
const RATE_LIMIT_EVERY = 20;
const RETRY_AFTER_MS = 50;
const MESSAGES_PER_SECOND = 50;
// Minou is kicked from the last two rooms (by name) after confirming: they must fail with 403.
const KICKED = 2;
const TEXT = "**Assemblée générale du centre** : jeudi 10 décembre à 18h, salle polyvalente. Venez nombreux !";

const perMinute = (rooms: number, ms: number): string => ((rooms / ms) * 60_000).toFixed(0);

describe("an announcement to 300 rooms, rate-limited and interrupted by a crash", () => {
  let scenario: Scenario;
  let equipe: Member;
  let staffRoom: string;
  let roomIds: string[];
  let owner: RawClient;
  const children: ChildMinou[] = [];

  beforeAll(async () => {
    scenario = await createScenario();
    equipe = await Member.connect(scenario.homeserver, "equipe");
    staffRoom = await equipe.createRoom({ name: "Équipe du centre", invite: [scenario.bot.userId] });
    const botClient = new RawClient(scenario.homeserver.url, scenario.bot.accessToken);
    await botClient.post(`/rooms/${enc(staffRoom)}/join`, {});
    ({ owner, roomIds } = await roomsWithBot(scenario.homeserver, scenario.bot, ROOMS));
  }, 60_000);

  afterAll(async () => {
    for (const child of children) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.kill("SIGKILL");
      await child.exited;
    }
    equipe.stop();
    await scenario.homeserver.close();
  });

  const announcementsIn = (roomId: string): ClientEvent[] =>
    scenario.homeserver.roomEvents(roomId).filter((event) => event.sender === scenario.bot.userId && (event.content["fr.chatons.minou"] as { staff_announcement?: number } | undefined)?.staff_announcement !== undefined);
  const roomsReached = (): number => roomIds.filter((roomId) => announcementsIn(roomId).length > 0).length;
  const staffNotices = (key: string): ClientEvent[] =>
    scenario.homeserver.roomEvents(staffRoom).filter((event) => event.sender === scenario.bot.userId && key in ((event.content["fr.chatons.minou"] as Record<string, unknown> | undefined) ?? {}));

  function startMinou(): ChildMinou {
    const child = ChildMinou.start(scenario, { staffRoom, editDebounceSeconds: 1, announcements: { messagesPerSecond: MESSAGES_PER_SECOND } });
    children.push(child);
    return child;
  }

  it("reaches every room exactly once, resumes after SIGKILL, and reports the rooms it could not reach", async () => {
    const first = startMinou();
    await waitFor(() => first.output.includes("Minou ready"), "Minou ready", 30_000);
    const previewId = await equipe.say(staffRoom, `!annonce ${TEXT}`);
    const preview = await equipe.waitForReply(staffRoom, previewId, scenario.bot.userId, 20_000);
    expect(String(preview.getContent()["body"])).toContain(`Salons visés (${ROOMS}) : Association 001, Association 002`);

    // From now on the homeserver refuses every 20th message Minou sends (retries included).
    scenario.homeserver.faults.rateLimitEvery(RATE_LIMIT_EVERY, RETRY_AFTER_MS, { method: "PUT", path: /\/send\/m\.room\.message\/minou\./ });
    const confirmedAt = performance.now();
    const confirmId = await equipe.say(staffRoom, "!annonce confirmer");
    const progress = await equipe.waitForReply(staffRoom, confirmId, scenario.bot.userId, 20_000);
    const id = (progress.getContent()["fr.chatons.minou"] as { staff_announcement_progress: number }).staff_announcement_progress;
    for (const roomId of roomIds.slice(-KICKED)) {
      const kicked = await owner.post(`/rooms/${enc(roomId)}/kick`, { user_id: scenario.bot.userId, reason: "fin de l'association" });
      expect(kicked.status).toBe(200);
    }

    await waitFor(() => roomsReached() >= ROOMS / 2, "half of the rooms", 60_000);
    first.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    const killedAt = performance.now();
    const reachedBeforeCrash = roomsReached();

    const second = startMinou();
    const restartedAt = performance.now();
    await waitFor(() => staffNotices("staff_announcement_report").length > 0, "the final report", 60_000);
    const doneAt = performance.now();
    await quietPeriod(1_500);

    const counts = roomIds.map((roomId) => announcementsIn(roomId).length);
    expect(reachedBeforeCrash).toBeGreaterThanOrEqual(ROOMS / 2);
    expect(reachedBeforeCrash).toBeLessThan(ROOMS - KICKED);
    expect(counts.slice(0, -KICKED).every((count) => count === 1)).toBe(true);
    expect(counts.slice(-KICKED)).toEqual([0, 0]);
    const [sample] = announcementsIn(roomIds[0] ?? "");
    expect(sample?.content).toMatchObject({ msgtype: "m.text", "m.mentions": {} });

    const reports = staffNotices("staff_announcement_report");
    expect(reports).toHaveLength(1);
    const report = String(reports[0]?.content["body"]);
    expect(report).toContain(`Reçue dans ${ROOMS - KICKED} salons sur ${ROOMS}.`);
    expect(report).toContain(`Pas reçue (${KICKED}) :`);
    expect(report).toContain(`Association ${ROOMS - 1} — je ne suis plus dans ce salon, ou je n'ai pas le droit d'y écrire (403)`);
    expect(report).toContain(`Association ${ROOMS} — je ne suis plus dans ce salon`);
    expect(report).toMatch(/Salons qui l'ont reçue : Association 001, Association 002, .*Association 298$/su);
    await waitFor(() => {
      const edits = scenario.homeserver.roomEvents(staffRoom).filter((event) => (event.content["m.relates_to"] as { event_id?: string } | undefined)?.event_id === progress.getId());
      return String((edits.at(-1)?.content["m.new_content"] as { body?: string } | undefined)?.body).includes(`envoi terminé : ${ROOMS - KICKED}/${ROOMS} salons · ${KICKED} échecs`);
    }, "the progress line's last edit", 10_000);

    // The figures the README quotes (rooms per minute under a 429 every 20 messages).
    const before = killedAt - confirmedAt;
    const after = doneAt - restartedAt;
    process.stdout.write(
      `${[
        `Broadcast of announcement n°${id} to ${ROOMS} rooms, ${MESSAGES_PER_SECOND} msg/s paced, 429 (retry_after_ms ${RETRY_AFTER_MS}) every ${RATE_LIMIT_EVERY} sends`,
        `  before SIGKILL   ${reachedBeforeCrash} rooms in ${(before / 1000).toFixed(1)} s   ${perMinute(reachedBeforeCrash, before)} rooms/min`,
        `  after restart    ${ROOMS - reachedBeforeCrash} rooms (incl. ${KICKED} refused) in ${(after / 1000).toFixed(1)} s, start-up included   ${perMinute(ROOMS - reachedBeforeCrash, after)} rooms/min`,
      ].join("\n")}\n`,
    );
    second.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
  }, 120_000);
});
