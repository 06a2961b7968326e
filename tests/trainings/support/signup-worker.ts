import { openDatabase } from "../../../storage/database.ts";
import { createStores, storeSet } from "../../../storage/index.ts";
import { createTrainingStores } from "../../../storage/trainings/index.ts";
import { signUp } from "../../../src/trainings/seats.ts";

/** One process of the concurrency test: signs up its members as fast as it can, from `startAt`. */
const [path, sessionId, prefix, count, startAt] = process.argv.slice(2);
// Only the trainings' stores: each process starts fast, without loading every feature.
const stores = createStores(openDatabase(path ?? ""), [storeSet("trainings", createTrainingStores)]);
const session = stores.trainings.trainings.session(Number(sessionId));
if (session === undefined) throw new Error("no session");
while (Date.now() < Number(startAt)) {
  // Start together with the other processes.
}
const outcomes: string[] = [];
/** Holds the transaction open a moment after its first read, as a slower sign-up would, to widen the race. */
function pause(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy wait: better-sqlite3 is synchronous
  }
}
for (let i = 0; i < Number(count); i += 1) {
  outcomes.push(
    stores.transaction(() => {
      stores.trainings.trainings.counts(session);
      pause(3);
      return signUp(stores, session, `@${prefix}${i}:x`, Date.now()).kind;
    }),
  );
}
stores.db.close();
process.stdout.write(JSON.stringify(outcomes));
