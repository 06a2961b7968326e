import { TestHomeserver } from "../tests/homeserver/index.ts";
import { roomsWithBot } from "../tests/support/many-rooms.ts";
import { minouConfig, startChild } from "./support/processes.ts";
import { RawMember } from "./support/raw-member.ts";

/**
 * A staff announcement to many rooms, from `!annonce confirmer` to the final report in the staff
 * room: rooms per minute with no rate limit (the baseline) and with a homeserver that answers 429
 * to every 20th message, in the same run, against the same Minou (a child process).
 * Usage: npm run bench:broadcast [-- <rooms> <messagesPerSecond>]
 */
const ROOMS = Number(process.argv[2] ?? 300);
const PACE = Number(process.argv[3] ?? 50);
const EVERY = 20;
const RETRY_AFTER_MS = 400;

const homeserver = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
const minou = await homeserver.registerUser("minou");
const staffAccount = await homeserver.registerUser("equipe");
const staff = new RawMember(homeserver.url, staffAccount.userId, staffAccount.accessToken);
const staffRoom = await staff.createRoom([minou.userId], "Équipe du centre");
await new RawMember(homeserver.url, minou.userId, minou.accessToken).request("POST", `/rooms/${encodeURIComponent(staffRoom)}/join`, {});
const setupStarted = performance.now();
await roomsWithBot(homeserver, minou, ROOMS);
console.log(`${ROOMS} rooms set up in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);

const config = minouConfig(homeserver.url, minou.userId, homeserver.serverName, {
  staff: [staffAccount.userId],
  staffRoom,
  editDebounceSeconds: 1,
  announcements: { messagesPerSecond: PACE },
});
const child = startChild("src/main.ts", ["--config", config], { MINOU_ACCESS_TOKEN: minou.accessToken });

function reportOf(id: number): boolean {
  return homeserver.roomEvents(staffRoom).some((event) => (event.content["fr.chatons.minou"] as { staff_announcement_report?: number } | undefined)?.staff_announcement_report === id);
}

function lastProgressId(): number {
  const ids = homeserver
    .roomEvents(staffRoom)
    .map((event) => (event.content["fr.chatons.minou"] as { staff_announcement_progress?: number } | undefined)?.staff_announcement_progress ?? 0);
  return Math.max(0, ...ids);
}

/** Previews and confirms one announcement; resolves to the ms from confirmation to report. */
async function broadcast(label: string): Promise<number> {
  const previous = lastProgressId();
  await staff.catchUp();
  const preview = await staff.say(staffRoom, `!annonce Annonce de mesure (${label}) : **merci** de l'ignorer.`);
  await staff.waitForReply(staffRoom, preview, minou.userId);
  const started = performance.now();
  await staff.say(staffRoom, "!annonce confirmer");
  for (;;) {
    const id = lastProgressId();
    if (id > previous && reportOf(id)) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const results: [string, number][] = [];
try {
  await child.waitForLine(/Minou ready/);
  results.push(["no rate limit (baseline)", await broadcast("sans limite")]);
  homeserver.faults.rateLimitEvery(EVERY, RETRY_AFTER_MS, { method: "PUT", path: /\/send\/m\.room\.message\/minou\./ });
  results.push([`429 every ${EVERY} sends (${RETRY_AFTER_MS} ms)`, await broadcast("429")]);
} finally {
  await child.stop();
  await homeserver.close();
}

console.log(`\nAnnouncement to ${ROOMS} rooms, paced at ${PACE} msg/s (announcements.messagesPerSecond), confirmation to final report`);
for (const [name, ms] of results) {
  console.log(`  ${name.padEnd(30)} ${(ms / 1000).toFixed(1).padStart(6)} s   ${((ROOMS / ms) * 60_000).toFixed(0).padStart(6)} rooms/min`);
}
const [baseline, limited] = results;
if (baseline !== undefined && limited !== undefined) console.log(`  ratio rate-limited / baseline  ${(baseline[1] / limited[1]).toFixed(2)}x`);
