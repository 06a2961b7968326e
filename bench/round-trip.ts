import { TestHomeserver } from "../tests/homeserver/index.ts";
import { minouConfig, startChild, type Child } from "./support/processes.ts";
import { RawMember } from "./support/raw-member.ts";
import { ms, summarize, type Summary } from "./support/stats.ts";

/**
 * Command round trip for `!aide`: a member sends it, the bot answers, the member's /sync sees the
 * answer. Minou and a bare matrix-bot-sdk echo bot (the baseline) run as separate processes
 * against the same test homeserver in the same run. Target: Minou p50 and p99 <= 1.2 x echo bot.
 * Usage: npm run bench:round-trip [-- <commands>]
 */
const COMMANDS = Number(process.argv[2] ?? 1_000);
const WARM_UP = 50;

/**
 * Both bots run at once, in their own rooms, and the member alternates between them command by
 * command: whatever the machine does meanwhile (other processes, a noisy neighbour) weighs on
 * both measurements alike.
 */
async function measureAlternating(member: RawMember, rooms: readonly { roomId: string; botUserId: string }[]): Promise<number[][]> {
  const samples = rooms.map(() => [] as number[]);
  await member.catchUp();
  for (let i = 0; i < WARM_UP + COMMANDS; i += 1) {
    for (const [index, { roomId, botUserId }] of rooms.entries()) {
      const started = performance.now();
      const eventId = await member.say(roomId, "!aide");
      await member.waitForReply(roomId, eventId, botUserId);
      if (i >= WARM_UP) samples[index]?.push(performance.now() - started);
    }
  }
  return samples;
}

async function roomWith(homeserver: TestHomeserver, member: RawMember, bot: string, name: string): Promise<string> {
  const roomId = await member.createRoom([bot], name);
  for (let i = 0; i < 500 && homeserver.stateContent(roomId, "m.room.member", bot)?.["membership"] !== "join"; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return roomId;
}

const homeserver = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
const account = await homeserver.registerUser("bench");
const member = new RawMember(homeserver.url, account.userId, account.accessToken);
const results: Record<string, Summary> = {};
const children: Child[] = [];
try {
  const echo = await homeserver.registerUser("echo");
  const echoBot = startChild("bench/support/echo-bot.ts", [homeserver.url, echo.accessToken]);
  children.push(echoBot);
  const minou = await homeserver.registerUser("minou");
  const minouBot = startChild("src/main.ts", ["--config", minouConfig(homeserver.url, minou.userId, homeserver.serverName)], {
    MINOU_ACCESS_TOKEN: minou.accessToken,
  });
  children.push(minouBot);
  await echoBot.waitForLine(/^READY/);
  await minouBot.waitForLine(/Minou ready/);
  const rooms = [
    { roomId: await roomWith(homeserver, member, echo.userId, "echo"), botUserId: echo.userId },
    { roomId: await roomWith(homeserver, member, minou.userId, "minou"), botUserId: minou.userId },
  ];
  const [echoSamples = [], minouSamples = []] = await measureAlternating(member, rooms);
  results["echo bot (baseline)"] = summarize(echoSamples);
  results["Minou"] = summarize(minouSamples);
} finally {
  for (const child of children) await child.stop();
  await homeserver.close();
}

const baseline = results["echo bot (baseline)"];
const minouResult = results["Minou"];
console.log(`\nRound trip of !aide over ${COMMANDS} commands each (after ${WARM_UP} warm-up), both bots alternating, test homeserver on 127.0.0.1`);
for (const [name, summary] of Object.entries(results)) {
  console.log(`  ${name.padEnd(22)} p50 ${ms(summary.p50).padStart(10)}   p99 ${ms(summary.p99).padStart(10)}   mean ${ms(summary.mean).padStart(10)}   max ${ms(summary.max).padStart(10)}`);
}
if (baseline !== undefined && minouResult !== undefined) {
  const p50 = minouResult.p50 / baseline.p50;
  const p99 = minouResult.p99 / baseline.p99;
  console.log(`  ratio Minou / echo bot  p50 ${p50.toFixed(2)}x   p99 ${p99.toFixed(2)}x   (target <= 1.20x)`);
}
