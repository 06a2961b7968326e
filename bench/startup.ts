import { TestHomeserver } from "../tests/homeserver/index.ts";
import { minouConfig, rssMiB, startChild } from "./support/processes.ts";
import { RawMember } from "./support/raw-member.ts";

/**
 * Start-up with many joined rooms: time from process start to "first sync stored", and resident
 * memory then, for Minou and for the bare matrix-bot-sdk echo bot (baseline), in the same run.
 * Usage: npm run bench:startup [-- <rooms>]
 */
const ROOMS = Number(process.argv[2] ?? 1_000);

const homeserver = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
const owner = await homeserver.registerUser("association");
const member = new RawMember(homeserver.url, owner.userId, owner.accessToken);
const echo = await homeserver.registerUser("echo");
const minou = await homeserver.registerUser("minou");
const bots = [echo, minou].map((bot) => new RawMember(homeserver.url, bot.userId, bot.accessToken));

const setupStarted = performance.now();
for (let i = 0; i < ROOMS; i += 1) {
  const roomId = await member.createRoom([echo.userId, minou.userId], `Association ${i + 1}`);
  for (const bot of bots) await bot.request("POST", `/rooms/${encodeURIComponent(roomId)}/join`, {});
  await member.say(roomId, `Bienvenue dans l'association ${i + 1}`);
}
console.log(`${ROOMS} rooms set up in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);

interface StartFigures {
  readonly readyMs: number;
  readonly rssMiB: number;
}

/** Median of three starts, after one unmeasured start that warms tsx's transform cache. */
async function medianStart(script: string, args: () => string[], env: Record<string, string>, readyLine: RegExp): Promise<StartFigures> {
  await timeStart(script, args(), env, readyLine);
  const runs: StartFigures[] = [];
  for (let i = 0; i < 3; i += 1) runs.push(await timeStart(script, args(), env, readyLine));
  runs.sort((a, b) => a.readyMs - b.readyMs);
  return runs[1] ?? runs[0] ?? { readyMs: Number.NaN, rssMiB: Number.NaN };
}

async function timeStart(script: string, args: string[], env: Record<string, string>, readyLine: RegExp): Promise<StartFigures> {
  const started = performance.now();
  const child = startChild(script, args, env);
  try {
    await child.waitForLine(readyLine, 300_000);
    const readyMs = performance.now() - started;
    // Let the work that follows the first sync settle before reading memory.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    return { readyMs, rssMiB: rssMiB(child.process.pid ?? 0) };
  } finally {
    await child.stop();
  }
}

const results: Record<string, StartFigures> = {};
try {
  results["echo bot (baseline)"] = await medianStart("bench/support/echo-bot.ts", () => [homeserver.url, echo.accessToken], {}, /^READY/);
  const env = { MINOU_ACCESS_TOKEN: minou.accessToken };
  // A first start has an empty database; a restart finds its sync token and catches up.
  const fresh = () => ["--config", minouConfig(homeserver.url, minou.userId, homeserver.serverName)];
  results["Minou, first start"] = await medianStart("src/main.ts", fresh, env, /Minou ready/);
  const kept = fresh();
  results["Minou, restart"] = await medianStart("src/main.ts", () => kept, env, /Minou ready/);
} finally {
  await homeserver.close();
}

const baseline = results["echo bot (baseline)"];
console.log(`\nStart with ${ROOMS} joined rooms (process start to first sync handled; RSS 2 s later)`);
for (const [name, figures] of Object.entries(results)) {
  const ratio = baseline === undefined ? "" : `   (${(figures.readyMs / baseline.readyMs).toFixed(2)}x time, ${(figures.rssMiB / baseline.rssMiB).toFixed(2)}x memory)`;
  console.log(`  ${name.padEnd(22)} ready ${(figures.readyMs / 1000).toFixed(2).padStart(6)} s   RSS ${figures.rssMiB.toFixed(0).padStart(4)} MiB${ratio}`);
}
