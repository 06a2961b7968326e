import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateConfig } from "../src/config/load.ts";
import { createLogger } from "../src/log.ts";
import { Minou } from "../src/minou.ts";
import { TestHomeserver } from "../tests/homeserver/index.ts";
import { RawMember } from "./support/raw-member.ts";

/**
 * A burst of 100 reactions on a date poll (20 members × 5 slots, sent at once): how many edits of
 * the live summary Minou makes, and how long until the summary shows all 100. Measured with the
 * default debounce (3 s) and, as the baseline, with no debounce, in the same run.
 * Usage: npm run bench:burst
 */
const MEMBERS = 20;
const SLOTS = 5;

interface BurstFigures {
  readonly edits: number;
  readonly settledMs: number;
}

async function burst(debounceSeconds: number): Promise<BurstFigures> {
  const homeserver = await TestHomeserver.start({ rateLimits: { exemptRegisteredUsers: true } });
  const bot = await homeserver.registerUser("minou");
  const dataDirectory = mkdtempSync(join(tmpdir(), "minou-burst-"));
  const { accessToken: _token, accessTokenFile: _file, ...settings } = validateConfig({
    homeserverUrl: homeserver.url,
    userId: bot.userId,
    allowedServers: [homeserver.serverName],
    dataDirectory,
    http: { port: 0 },
    editDebounceSeconds: debounceSeconds,
  });
  const minou = new Minou({ config: { ...settings, dataDirectory, accessTokenFile: join(dataDirectory, "t") }, accessToken: bot.accessToken, log: createLogger("error"), syncTimeoutMs: 5_000 });
  try {
    await minou.start();
    await minou.ready;
    const ownerAccount = await homeserver.registerUser("owner");
    const owner = new RawMember(homeserver.url, ownerAccount.userId, ownerAccount.accessToken);
    const members = await Promise.all(Array.from({ length: MEMBERS }, async (_, i) => {
      const account = await homeserver.registerUser(`m${i}`);
      return new RawMember(homeserver.url, account.userId, account.accessToken);
    }));
    const roomId = await owner.createRoom([bot.userId, ...members.map((member) => member.userId)], "Burst");
    for (const member of members) await member.request("POST", `/rooms/${encodeURIComponent(roomId)}/join`, {});
    while (homeserver.stateContent(roomId, "m.room.member", bot.userId)?.["membership"] !== "join") await new Promise((resolve) => setTimeout(resolve, 20));
    await owner.say(roomId, `!sondage dates "Burst" ${Array.from({ length: SLOTS }, (_, i) => `${i + 1}/12/2027 18h`).join(" | ")}`);
    let poll = minou.stores.polls.polls.byNumber(roomId, 1);
    while (poll === undefined || poll.summaryEventId === null || poll.options.some((option) => option.messageEventId === null)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      poll = minou.stores.polls.polls.byNumber(roomId, 1);
    }
    const summaryId = poll.summaryEventId;
    const editsOf = () => homeserver.roomEvents(roomId).filter((event) => (event.content["m.relates_to"] as { rel_type?: string; event_id?: string } | undefined)?.event_id === summaryId);
    const started = performance.now();
    let txn = 0;
    await Promise.all(members.flatMap((member) => (poll?.options ?? []).map((option) => {
      txn += 1;
      const path = `/rooms/${encodeURIComponent(roomId)}/send/m.reaction/burst${txn}`;
      return member.request("PUT", path, { "m.relates_to": { rel_type: "m.annotation", event_id: option.messageEventId, key: "✅" } });
    })));
    const allCounted = (): boolean => {
      const latest = editsOf().at(-1);
      const body = String((latest?.content["m.new_content"] as { body?: string } | undefined)?.body ?? "");
      return (body.match(/\| 20 \| 0 \| 0/g) ?? []).length === SLOTS;
    };
    while (!allCounted()) await new Promise((resolve) => setTimeout(resolve, 10));
    const settledMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, debounceSeconds * 1000 + 500));
    return { edits: editsOf().length, settledMs };
  } finally {
    await minou.stop();
    await homeserver.close();
  }
}

const debounced = await burst(3);
const immediate = await burst(0);
console.log(`\nBurst of ${MEMBERS * SLOTS} reactions on a date poll's ${SLOTS} slots (${MEMBERS} members at once)`);
console.log(`  debounce 3 s (default)   ${String(debounced.edits).padStart(3)} edits, summary complete after ${(debounced.settledMs / 1000).toFixed(2)} s`);
console.log(`  no debounce (baseline)   ${String(immediate.edits).padStart(3)} edits, summary complete after ${(immediate.settledMs / 1000).toFixed(2)} s`);
console.log(`  ratio                    ${(debounced.edits / immediate.edits).toFixed(2)}x edits`);
