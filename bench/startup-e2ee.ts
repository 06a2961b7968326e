import Database from "better-sqlite3";
import { join } from "node:path";
import { TestHomeserver } from "../tests/homeserver/index.ts";
import { Member } from "../tests/support/member.ts";
import { minouConfig, rssMiB, startChild } from "./support/processes.ts";
import { RawMember } from "./support/raw-member.ts";

/**
 * Start-up of Minou with end-to-end encryption: 1,000 joined rooms of which half are encrypted
 * (each holding a few messages a matrix-js-sdk member encrypted, so that Minou's device holds an
 * inbound Megolm session per room) against 1,000 plain rooms with as many clear messages, in the
 * same run. A first start is a new device on an empty data directory (its crypto store is new: a
 * device's keys cannot be made twice); a restart reopens the device that received the room keys.
 * Time from process start to "first sync stored", and resident memory 2 s later; median of three,
 * after one unmeasured round, the four cases taking turns.
 * Usage: npm run bench:startup-e2ee [-- <rooms>]
 */
const ROOMS = Number(process.argv[2] ?? 1_000);
const MESSAGES_PER_ROOM = 3;
const ROUNDS = 3;
const ENCRYPTED = [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }];
const enc = encodeURIComponent;

/** Runs `work(0)`…`work(count - 1)`, `parallel` at a time. */
async function pool(count: number, parallel: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      await work(index);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** A new device (and access token) for `localpart`, as `npm run login` would make. */
async function newDevice(homeserver: TestHomeserver, localpart: string): Promise<string> {
  const response = await fetch(`${homeserver.url}/_matrix/client/v3/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: "m.login.password", identifier: { type: "m.id.user", user: localpart }, password: "password" }),
  });
  if (!response.ok) throw new Error(`login ${localpart}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Inbound Megolm sessions in a data directory's crypto store (its IndexedDB store names are in clear). */
function inboundSessions(dataDirectory: string): number {
  const db = new Database(join(dataDirectory, "minou.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], { n: number }>("SELECT count(*) AS n FROM crypto_idb_records WHERE store_name LIKE 'inbound_group_sessions%'").get()?.n ?? 0;
  } finally {
    db.close();
  }
}

const dataDirectoryOf = (configPath: string): string => join(configPath, "..");

interface StartFigures {
  readonly readyMs: number;
  readonly rssMiB: number;
}

async function timeStart(configPath: string, accessToken: string): Promise<StartFigures> {
  const started = performance.now();
  const child = startChild("src/main.ts", ["--config", configPath], { MINOU_ACCESS_TOKEN: accessToken });
  try {
    await child.waitForLine(/Minou ready/, 300_000);
    const readyMs = performance.now() - started;
    // Let the work that follows the first sync settle before reading memory.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    return { readyMs, rssMiB: rssMiB(child.process.pid ?? 0) };
  } finally {
    await child.stop();
  }
}

const median = (runs: readonly StartFigures[]): StartFigures => {
  const pick = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  return { readyMs: pick(runs.map((run) => run.readyMs)), rssMiB: pick(runs.map((run) => run.rssMiB)) };
};

const homeserver = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
const config = (userId: string): string => minouConfig(homeserver.url, userId, homeserver.serverName);
const results = new Map<string, StartFigures>();
const encryptedRooms = Math.floor(ROOMS / 2);
let sessionsHeld: number | undefined;
try {
  const setupStarted = performance.now();
  const owner = await homeserver.registerUser("association");
  const ownerClient = new RawMember(homeserver.url, owner.userId, owner.accessToken);
  const plainBot = await homeserver.registerUser("minou-plain");
  const mixedBot = await homeserver.registerUser("minou-mixed");
  const plainRoomsFor = async (bot: { userId: string; accessToken: string }, count: number, label: string): Promise<void> => {
    const botClient = new RawMember(homeserver.url, bot.userId, bot.accessToken);
    await pool(count, 8, async (index) => {
      const roomId = await ownerClient.createRoom([bot.userId], `${label} ${index + 1}`);
      await botClient.request("POST", `/rooms/${enc(roomId)}/join`, {});
      for (let i = 0; i < MESSAGES_PER_ROOM; i += 1) await ownerClient.say(roomId, `Message ${i + 1} de l'association ${index + 1}`);
    });
  };
  await plainRoomsFor(plainBot, ROOMS, "Association");
  await plainRoomsFor(mixedBot, ROOMS - encryptedRooms, "Association en clair");

  // The device that will restart: it runs while the encrypted rooms fill, so it receives their keys.
  const mixedKept = config(mixedBot.userId);
  const receiving = startChild("src/main.ts", ["--config", mixedKept], { MINOU_ACCESS_TOKEN: mixedBot.accessToken });
  const member = await Member.connect(homeserver, "camille", { encryption: true });
  try {
    await receiving.waitForLine(/Minou ready/, 300_000);
    const memberClient = new RawMember(homeserver.url, member.userId, member.client.getAccessToken() ?? "");
    await pool(encryptedRooms, 8, async (index) => {
      const roomId = (await memberClient.request<{ room_id: string }>("POST", "/createRoom", {
        preset: "private_chat",
        name: `Association chiffrée ${index + 1}`,
        invite: [mixedBot.userId],
        initial_state: ENCRYPTED,
      })).room_id;
      // Minou joins on its own; the member's client must see it joined before encrypting for it.
      for (let i = 0; i < 3_000 && member.client.getRoom(roomId)?.getMember(mixedBot.userId)?.membership !== "join"; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (let i = 0; i < MESSAGES_PER_ROOM; i += 1) await member.say(roomId, `Message ${i + 1} chiffré de l'association ${index + 1}`);
    });
    const dataDirectory = dataDirectoryOf(mixedKept);
    for (let i = 0; i < 3_000 && inboundSessions(dataDirectory) < encryptedRooms; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    member.stop();
    await receiving.stop();
  }
  sessionsHeld = inboundSessions(dataDirectoryOf(mixedKept));
  // The plain device to restart has run once too.
  const plainKept = config(plainBot.userId);
  await timeStart(plainKept, plainBot.accessToken);
  console.log(`${ROOMS} + ${ROOMS} rooms (${encryptedRooms} encrypted) set up in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s; the restarting device holds ${sessionsHeld} inbound sessions`);

  const cases: { name: string; run: () => Promise<StartFigures> }[] = [
    { name: "plain, first start", run: async () => timeStart(config(plainBot.userId), await newDevice(homeserver, "minou-plain")) },
    { name: "half encrypted, first start", run: async () => timeStart(config(mixedBot.userId), await newDevice(homeserver, "minou-mixed")) },
    { name: "plain, restart", run: () => timeStart(plainKept, plainBot.accessToken) },
    { name: "half encrypted, restart", run: () => timeStart(mixedKept, mixedBot.accessToken) },
  ];
  const runs = new Map(cases.map(({ name }) => [name, [] as StartFigures[]]));
  for (let round = 0; round <= ROUNDS; round += 1) {
    for (const { name, run } of cases) {
      const figures = await run();
      // Round 0 warms tsx's transform cache and the page cache.
      if (round > 0) runs.get(name)?.push(figures);
    }
  }
  for (const [name, figures] of runs) results.set(name, median(figures));
} finally {
  await homeserver.close();
}

console.log(`\nStart with ${ROOMS} joined rooms, ${MESSAGES_PER_ROOM} messages each: plain, or half encrypted (process start to first sync handled; RSS 2 s later; median of ${ROUNDS})`);
for (const [name, figures] of results) {
  console.log(`  ${name.padEnd(30)} ready ${(figures.readyMs / 1000).toFixed(2).padStart(6)} s   RSS ${figures.rssMiB.toFixed(0).padStart(4)} MiB`);
}
for (const kind of ["first start", "restart"]) {
  const plain = results.get(`plain, ${kind}`);
  const mixed = results.get(`half encrypted, ${kind}`);
  if (plain === undefined || mixed === undefined) continue;
  console.log(`  ratio half encrypted / plain, ${kind.padEnd(11)} ${(mixed.readyMs / plain.readyMs).toFixed(2)}x time   ${(mixed.rssMiB / plain.rssMiB).toFixed(2)}x memory`);
}
if (sessionsHeld === undefined || sessionsHeld < encryptedRooms) console.log(`  WARNING: the restarting device holds ${sessionsHeld ?? 0} inbound sessions for ${encryptedRooms} encrypted rooms`);
// matrix-js-sdk (the member) leaves a timer per request it made (its local request timeout) even after stopClient.
process.exit(0);
