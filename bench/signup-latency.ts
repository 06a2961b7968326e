import { TestHomeserver } from "../tests/homeserver/index.ts";
import { minouConfig, startChild } from "./support/processes.ts";
import { RawMember } from "./support/raw-member.ts";
import { ms, summarize } from "./support/stats.ts";

/**
 * Training sign-up round trip (`!formation inscrire`) for 200 registrants of one session (150
 * seats, so the last 50 join the waiting list), against `!aide` sent by the same members in the
 * same run (the baseline: a command that reads nothing and writes nothing of its own).
 * Usage: npm run bench:signups [-- <registrants>]
 */
const REGISTRANTS = Number(process.argv[2] ?? 200);

const homeserver = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
const bot = await homeserver.registerUser("minou");
const staffAccount = await homeserver.registerUser("equipe");
const staff = new RawMember(homeserver.url, staffAccount.userId, staffAccount.accessToken);
const members = await Promise.all(
  Array.from({ length: REGISTRANTS }, async (_, i) => {
    const account = await homeserver.registerUser(`membre${i}`);
    return new RawMember(homeserver.url, account.userId, account.accessToken);
  }),
);
const child = startChild("src/main.ts", ["--config", minouConfig(homeserver.url, bot.userId, homeserver.serverName, { staff: [staffAccount.userId] })], {
  MINOU_ACCESS_TOKEN: bot.accessToken,
});
try {
  await child.waitForLine(/Minou ready/u, 60_000);
  const roomId = await staff.createRoom([bot.userId, ...members.map((member) => member.userId)], "Formations");
  for (const member of members) await member.request("POST", `/rooms/${encodeURIComponent(roomId)}/join`, {});
  while (homeserver.stateContent(roomId, "m.room.member", bot.userId)?.["membership"] !== "join") await new Promise((resolve) => setTimeout(resolve, 20));
  await staff.catchUp();
  const created = await staff.say(roomId, `!formation créer "Initiation Nextcloud" 3/12/2030 14h-16h places:${Math.round(REGISTRANTS * 0.75)}`);
  await staff.waitForReply(roomId, created, bot.userId);

  const timed = async (member: RawMember, command: string): Promise<number> => {
    const started = performance.now();
    const eventId = await member.say(roomId, command);
    await member.waitForReply(roomId, eventId, bot.userId);
    return performance.now() - started;
  };
  const baseline: number[] = [];
  const signups: number[] = [];
  for (const member of members) {
    await member.catchUp();
    baseline.push(await timed(member, "!aide"));
    signups.push(await timed(member, "!formation inscrire 1"));
  }
  const help = summarize(baseline);
  const signUp = summarize(signups);
  console.log(`\nRound trips with ${REGISTRANTS} registrants for one session (${Math.round(REGISTRANTS * 0.75)} seats, then the waiting list)`);
  console.log(`  !aide (baseline)          p50 ${ms(help.p50).padStart(10)}   p99 ${ms(help.p99).padStart(10)}`);
  console.log(`  !formation inscrire       p50 ${ms(signUp.p50).padStart(10)}   p99 ${ms(signUp.p99).padStart(10)}`);
  console.log(`  ratio                     p50 ${(signUp.p50 / help.p50).toFixed(2)}x   p99 ${(signUp.p99 / help.p99).toFixed(2)}x`);
} finally {
  await child.stop();
  await homeserver.close();
}
