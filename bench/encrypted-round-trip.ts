import { RoomEvent, type MatrixEvent, type Room } from "matrix-js-sdk";
import { TestHomeserver, type ClientEvent } from "../tests/homeserver/index.ts";
import { Member } from "../tests/support/member.ts";
import { minouConfig, startChild, type Child } from "./support/processes.ts";
import { ms, summarize, type Summary } from "./support/stats.ts";

/**
 * Round trip of `!aide` in an encrypted room against a plain one, with one Minou in both rooms
 * and a matrix-js-sdk member with Rust crypto (as Element) alternating between them, command by
 * command. Two clocks: server-side, from the moment the homeserver stores the command to the
 * moment it stores the answer (the bot's own cost: sync, decryption, dispatch, encryption, send;
 * not the member's encryption); and the round trip the member perceives, from before sending to
 * the decrypted answer in its timeline. Target: bot-side overhead of encryption <= 5 ms at p50.
 * Usage: npm run bench:e2ee [-- <commands>]
 */
const COMMANDS = Number(process.argv[2] ?? 500);
const WARM_UP = 30;
const ENCRYPTED = [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }];

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

/** Resolves when the member's client shows, decrypted, an answer from the bot to a given event. */
class AnswerWatcher {
  private readonly seen = new Map<string, number>();
  private readonly waiting = new Map<string, () => void>();
  /** Answers the member's client could not decrypt (there should be none). */
  readonly undecryptable: string[] = [];

  constructor(
    private readonly member: Member,
    private readonly botUserId: string,
  ) {
    member.client.on(RoomEvent.Timeline, (event: MatrixEvent, room: Room | undefined) => {
      if (room === undefined || event.getSender() !== botUserId) return;
      void member.client.decryptEventIfNeeded(event).then(() => this.saw(event), () => undefined);
    });
  }

  private saw(event: MatrixEvent): void {
    if (event.isDecryptionFailure()) {
      this.undecryptable.push(`${event.getId() ?? "?"}: ${event.decryptionFailureReason ?? "?"}`);
      return;
    }
    const target = repliedTo(event.getContent());
    if (target === undefined || this.seen.has(target)) return;
    this.seen.set(target, performance.now());
    this.waiting.get(target)?.();
  }

  async answered(eventId: string, timeoutMs = 30_000): Promise<number> {
    const known = this.seen.get(eventId);
    if (known !== undefined) return known;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer from ${this.botUserId} to ${eventId} in ${timeoutMs} ms`)), timeoutMs);
      this.waiting.set(eventId, () => {
        clearTimeout(timer);
        this.waiting.delete(eventId);
        resolve();
      });
    });
    return this.seen.get(eventId) ?? Number.NaN;
  }
}

async function measureAlternating(member: Member, watcher: AnswerWatcher, clock: ServerClock, roomIds: readonly string[]): Promise<Samples[]> {
  const samples = roomIds.map((): Samples => ({ server: [], member: [] }));
  for (let i = 0; i < WARM_UP + COMMANDS; i += 1) {
    for (const [index, roomId] of roomIds.entries()) {
      const started = performance.now();
      const eventId = await member.say(roomId, "!aide");
      const seen = await watcher.answered(eventId);
      const stored = clock.storedAt.get(eventId);
      const answered = clock.answeredAt.get(eventId);
      if (stored === undefined || answered === undefined) throw new Error(`the homeserver did not see ${eventId} or its answer`);
      if (i < WARM_UP) continue;
      samples[index]?.server.push(answered - stored);
      samples[index]?.member.push(seen - started);
    }
  }
  return samples;
}

const homeserver = await TestHomeserver.start();
const minou = await homeserver.registerUser("minou");
const clock = new ServerClock(minou.userId);
const stopObserving = homeserver.onRoomEvent(clock.observe);
const children: Child[] = [];
let member: Member | undefined;
let results: { plain: Samples; encrypted: Samples; undecryptable: string[] } | undefined;
try {
  const bot = startChild("src/main.ts", ["--config", minouConfig(homeserver.url, minou.userId, homeserver.serverName)], { MINOU_ACCESS_TOKEN: minou.accessToken });
  children.push(bot);
  await bot.waitForLine(/Minou ready/);
  console.error('PHASE ready', performance.now());
  member = await Member.connect(homeserver, "camille", { encryption: true });
  const joined = async (roomId: string): Promise<string> => {
    for (let i = 0; i < 500 && homeserver.stateContent(roomId, "m.room.member", minou.userId)?.["membership"] !== "join"; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return roomId;
  };
  const plainRoom = await joined(await member.createRoom({ preset: "private_chat" as never, name: "En clair", invite: [minou.userId] }));
  const encryptedRoom = await joined(await member.createRoom({ preset: "private_chat" as never, name: "Chiffré", invite: [minou.userId], initial_state: ENCRYPTED as never }));
  console.error('PHASE rooms', performance.now());
  const watcher = new AnswerWatcher(member, minou.userId);
  const [plain, encrypted] = await measureAlternating(member, watcher, clock, [plainRoom, encryptedRoom]);
  if (plain !== undefined && encrypted !== undefined) results = { plain, encrypted, undecryptable: watcher.undecryptable };
} finally {
  console.error('PHASE finally', performance.now());
  stopObserving();
  member?.stop();
  for (const child of children) await child.stop();
  console.error('PHASE children', performance.now());
  await homeserver.close();
  console.error('PHASE closed', performance.now());
}

if (results === undefined) throw new Error("no measurement");
if (results.undecryptable.length > 0) throw new Error(`answers the member could not decrypt: ${results.undecryptable.join(", ")}`);
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
console.error("PHASE printed", performance.now());
console.log(`  difference         p50 ${ms(figures.member.encrypted.p50 - figures.member.plain.p50)}   p99 ${ms(figures.member.encrypted.p99 - figures.member.plain.p99)}`);
console.error("ACTIVE", process.getActiveResourcesInfo());
