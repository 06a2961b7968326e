import { TestHomeserver } from "../tests/homeserver/index.ts";
import { SYNAPSE_DEFAULT_RATE_LIMITS } from "../tests/homeserver/rate-limits.ts";
import { roomsWithBot } from "../tests/support/many-rooms.ts";
import { minouConfig, startChild } from "./support/processes.ts";
import { RawMember } from "./support/raw-member.ts";

/**
 * A staff announcement to 100 rooms from an account that is NOT exempted from Synapse's default
 * rate limits (rc_message 0.2/s after a burst of 10), as many centres will run Minou: delivery
 * time against the floor the allowance sets, 429s per accepted send, and the round trip of !aide
 * typed during the broadcast against the same when idle. Takes about twenty minutes.
 * Usage: npm run bench:rate-limited [-- <rooms>]
 */
const ROOMS = Number(process.argv[2] ?? 100);
const { perSecond: RATE, burst: BURST } = SYNAPSE_DEFAULT_RATE_LIMITS.message;

// Set-up (rooms, joins) as an exempted account would do it; then Minou loses its exemption.
const homeserver = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
const minou = await homeserver.registerUser("minou");
const staffAccount = await homeserver.registerUser("equipe");
const memberAccount = await homeserver.registerUser("camille");
const staff = new RawMember(homeserver.url, staffAccount.userId, staffAccount.accessToken);
const member = new RawMember(homeserver.url, memberAccount.userId, memberAccount.accessToken);
const bot = new RawMember(homeserver.url, minou.userId, minou.accessToken);
const staffRoom = await staff.createRoom([minou.userId], "Équipe du centre");
const askRoom = await member.createRoom([minou.userId], "Les Jardins partagés");
for (const room of [staffRoom, askRoom]) await bot.request("POST", `/rooms/${encodeURIComponent(room)}/join`, {});
await roomsWithBot(homeserver, minou, ROOMS);
homeserver.setRateLimitOverride(minou.userId, undefined);

const config = minouConfig(homeserver.url, minou.userId, homeserver.serverName, { staff: [staffAccount.userId], staffRoom, editDebounceSeconds: 3, announcements: { messagesPerSecond: 2 } });
const child = startChild("src/main.ts", ["--config", config], { MINOU_ACCESS_TOKEN: minou.accessToken });
const sentByMinou = (): number => homeserver.totalEventsBy(minou.userId);

async function roundTrip(): Promise<number> {
  await member.catchUp();
  const started = performance.now();
  const command = await member.say(askRoom, "!aide");
  await member.waitForReply(askRoom, command, minou.userId);
  return performance.now() - started;
}

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

try {
  await child.waitForLine(/Minou ready/);
  // Idle: one command every 6 s, the allowance's own pace, so each finds room.
  const idle: number[] = [];
  for (let i = 0; i < 8; i += 1) {
    idle.push(await roundTrip());
    await sleep(6_000);
  }
  await sleep(BURST / RATE * 1000);
  await staff.catchUp();
  const preview = await staff.say(staffRoom, "!annonce Annonce de mesure : **merci** de l'ignorer.");
  await staff.waitForReply(staffRoom, preview, minou.userId);
  const refusedBefore = homeserver.rateLimitRefusals(minou.userId);
  const sentBefore = sentByMinou();
  const started = performance.now();
  await staff.say(staffRoom, "!annonce confirmer");
  const during: number[] = [];
  const reported = (): boolean =>
    homeserver.roomEvents(staffRoom).some((event) => (event.content["fr.chatons.minou"] as { staff_announcement_report?: number } | undefined)?.staff_announcement_report !== undefined);
  while (!reported()) {
    during.push(await roundTrip());
    await sleep(10_000);
  }
  const deliveredMs = performance.now() - started;
  const accepted = sentByMinou() - sentBefore;
  const refused = homeserver.rateLimitRefusals(minou.userId) - refusedBefore;
  // Every event Minou created meanwhile drew on the same allowance: the announcements, the
  // progress line's edits, the answers and the report.
  const floorMs = (Math.max(0, accepted - BURST) / RATE) * 1000;
  console.log(`\nAnnouncement to ${ROOMS} rooms from an account NOT exempted (Synapse defaults: ${RATE}/s, burst ${BURST}), confirmation to final report`);
  console.log(`  delivered in          ${(deliveredMs / 1000).toFixed(1)} s   floor for its ${accepted} events ${(floorMs / 1000).toFixed(1)} s   ratio ${(deliveredMs / floorMs).toFixed(2)}x`);
  console.log(`  429s per accepted     ${(refused / accepted).toFixed(3)}   (${refused} refused, ${accepted} accepted; target < 0.1)`);
  console.log(`  !aide idle            p50 ${percentile(idle, 50).toFixed(0)} ms   p99 ${percentile(idle, 99).toFixed(0)} ms   (${idle.length} samples)`);
  console.log(`  !aide mid-broadcast   p50 ${percentile(during, 50).toFixed(0)} ms   p99 ${percentile(during, 99).toFixed(0)} ms   (${during.length} samples)`);
} finally {
  await child.stop();
  await homeserver.close();
}
