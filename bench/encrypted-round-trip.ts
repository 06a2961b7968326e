import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { TestHomeserver, type ClientEvent } from "../tests/homeserver/index.ts";
import type { MemberReply, MemberRequest } from "./support/e2ee-member.ts";
import { minouConfig, projectRoot, startChild, type Child } from "./support/processes.ts";
import { ms, summarize, type Summary } from "./support/stats.ts";

/**
 * Round trip of `!aide` in an encrypted room against a plain one, with one Minou in both rooms
 * and a matrix-js-sdk member with Rust crypto (as Element), in a process of its own, alternating
 * between them command by command. Two clocks: bot side, from the moment the homeserver stores
 * the command to the moment it stores the answer (Minou's sync, decryption, dispatch, encryption
 * and send; not the member's encryption); and the round trip the member perceives, from before
 * sending to the decrypted answer in its timeline. Target: encryption adds <= 5 ms at p50, bot side.
 * Usage: npm run bench:e2ee [-- <commands>]
 */
const COMMANDS = Number(process.argv[2] ?? 500);
const WARM_UP = 30;

interface Samples {
  readonly server: number[];
  readonly member: number[];
}

function repliedTo(content: Record<string, unknown>): string | undefined {
  const relation = content["m.relates_to"] as { "m.in_reply_to"?: { event_id?: string } } | undefined;
  return relation?.["m.in_reply_to"]?.event_id;
}

/** When the homeserver stored each command and each answer (performance.now(), this process). */
class ServerClock {
  readonly storedAt = new Map<string, number>();
  readonly answeredAt = new Map<string, number>();

  constructor(private readonly botUserId: string) {}

  observe = (_roomId: string, event: ClientEvent): void => {
    const now = performance.now();
    this.storedAt.set(event.event_id, now);
    // In an encrypted room the relation stays in clear beside the ciphertext.
    const target = event.sender === this.botUserId ? repliedTo(event.content) : undefined;
    if (target !== undefined && !this.answeredAt.has(target)) this.answeredAt.set(target, now);
  };
}

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

/** The member's process (bench/support/e2ee-member.ts), one request at a time. */
class RemoteMember {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: MemberReply) => void>();
  readonly ready: Promise<void>;

  constructor(private readonly child: ChildProcess) {
    this.ready = new Promise((resolve, reject) => {
      this.pending.set(0, () => resolve());
      child.once("exit", (code) => reject(new Error(`the member process exited (${String(code)})`)));
    });
    child.on("message", (reply: MemberReply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
  }

  static start(homeserverUrl: string, account: { userId: string; accessToken: string; deviceId: string }): RemoteMember {
    const child = fork(join(projectRoot, "bench/support/e2ee-member.ts"), [homeserverUrl, JSON.stringify(account)], { execArgv: ["--import", "tsx"], cwd: projectRoot });
    return new RemoteMember(child);
  }

  async ask<T extends MemberReply>(request: WithoutId<MemberRequest>): Promise<T> {
    const id = this.nextId;
    this.nextId += 1;
    const reply = await new Promise<MemberReply>((resolve) => {
      this.pending.set(id, resolve);
      this.child.send({ ...request, id });
    });
    if ("error" in reply) throw new Error(`member: ${reply.error}`);
    return reply as T;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    await this.ask({ op: "stop" }).catch(() => undefined);
    await exited;
  }
}

async function measureAlternating(member: RemoteMember, clock: ServerClock, roomIds: readonly string[], botUserId: string): Promise<Samples[]> {
  const samples = roomIds.map((): Samples => ({ server: [], member: [] }));
  for (let i = 0; i < WARM_UP + COMMANDS; i += 1) {
    for (const [index, roomId] of roomIds.entries()) {
      const { eventId, perceivedMs } = await member.ask<{ id: number; eventId: string; perceivedMs: number }>({ op: "roundTrip", roomId, body: "!aide", botUserId });
      const stored = clock.storedAt.get(eventId);
      const answered = clock.answeredAt.get(eventId);
      if (stored === undefined || answered === undefined) throw new Error(`the homeserver did not see ${eventId} or its answer`);
      if (i < WARM_UP) continue;
      samples[index]?.server.push(answered - stored);
      samples[index]?.member.push(perceivedMs);
    }
  }
  return samples;
}

const homeserver = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
const minou = await homeserver.registerUser("minou");
const clock = new ServerClock(minou.userId);
const stopObserving = homeserver.onRoomEvent(clock.observe);
const children: Child[] = [];
let member: RemoteMember | undefined;
let results: { plain: Samples; encrypted: Samples } | undefined;
try {
  const bot = startChild("src/main.ts", ["--config", minouConfig(homeserver.url, minou.userId, homeserver.serverName)], { MINOU_ACCESS_TOKEN: minou.accessToken });
  children.push(bot);
  // Minou's device keys are published before the member looks for them.
  await bot.waitForLine(/Minou ready/);
  const camille = RemoteMember.start(homeserver.url, await homeserver.registerUser("camille"));
  member = camille;
  await camille.ready;
  const room = async (name: string, encrypted: boolean): Promise<string> =>
    (await camille.ask<{ id: number; roomId: string }>({ op: "createRoom", name, invite: [minou.userId], encrypted })).roomId;
  const plainRoom = await room("En clair", false);
  const encryptedRoom = await room("Chiffré", true);
  const [plain, encrypted] = await measureAlternating(camille, clock, [plainRoom, encryptedRoom], minou.userId);
  if (plain !== undefined && encrypted !== undefined) results = { plain, encrypted };
} finally {
  stopObserving();
  await member?.stop();
  for (const child of children) await child.stop();
  await homeserver.close();
}

if (results === undefined) throw new Error("no measurement");
const line = (name: string, summary: Summary): string =>
  `  ${name.padEnd(18)} p50 ${ms(summary.p50).padStart(10)}   p99 ${ms(summary.p99).padStart(10)}   mean ${ms(summary.mean).padStart(10)}   max ${ms(summary.max).padStart(10)}`;
const figures = {
  server: { plain: summarize(results.plain.server), encrypted: summarize(results.encrypted.server) },
  member: { plain: summarize(results.plain.member), encrypted: summarize(results.encrypted.member) },
};
console.log(`\nRound trip of !aide over ${COMMANDS} commands per room (after ${WARM_UP} warm-up), one Minou, plain and encrypted rooms alternating, test homeserver on 127.0.0.1`);
console.log(" Bot side (homeserver stores the command -> homeserver stores the answer)");
console.log(line("plain room", figures.server.plain));
console.log(line("encrypted room", figures.server.encrypted));
const overheadP50 = figures.server.encrypted.p50 - figures.server.plain.p50;
const overheadP99 = figures.server.encrypted.p99 - figures.server.plain.p99;
console.log(`  encryption overhead p50 ${ms(overheadP50)}   p99 ${ms(overheadP99)}   (target: p50 <= 5 ms)`);
console.log(" Member-perceived (before sending -> decrypted answer in its timeline; matrix-js-sdk with Rust crypto)");
console.log(line("plain room", figures.member.plain));
console.log(line("encrypted room", figures.member.encrypted));
console.log(`  difference         p50 ${ms(figures.member.encrypted.p50 - figures.member.plain.p50)}   p99 ${ms(figures.member.encrypted.p99 - figures.member.plain.p99)}`);
