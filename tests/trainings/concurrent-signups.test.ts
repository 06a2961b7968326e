import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../storage/database.ts";
import { openStores } from "../../src/features.ts";

const worker = fileURLToPath(new URL("./support/signup-worker.ts", import.meta.url));

function run(args: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", worker, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let errors = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(output) as string[]) : reject(new Error(errors))));
  });
}

describe("training capacity under concurrency", () => {
  it("gives exactly the capacity to sign-ups racing from four processes on one database; the rest wait in order", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "minou-race-")), "minou.sqlite");
    const setup = openStores(openDatabase(path));
    const now = Date.now();
    const trainingId = setup.trainings.trainings.createTraining("Atelier", null, "@equipe:x", now);
    const session = setup.trainings.trainings.addSession({ trainingId, uid: "race@test", startsAt: now + 86_400_000, endsAt: now + 90_000_000, timeZone: "Europe/Paris", capacity: 10, location: null, confirmationHours: null }, now);
    setup.db.close();

    const startAt = String(Date.now() + 1_500);
    const outcomes = (await Promise.all(["a", "b", "c", "d"].map((prefix) => run([path, String(session.id), prefix, "6", startAt])))).flat();
    expect(outcomes.filter((kind) => kind === "registered")).toHaveLength(10);
    expect(outcomes.filter((kind) => kind === "waiting")).toHaveLength(14);

    const check = openStores(openDatabase(path));
    const registrations = check.trainings.registrations.ofSession(session.id);
    expect(registrations.filter((registration) => registration.status === "registered")).toHaveLength(10);
    const waiting = registrations.filter((registration) => registration.status === "waiting");
    expect(waiting.map((registration) => check.trainings.registrations.waitingPosition(registration))).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    // Nobody holds a seat who signed up after someone now waiting.
    const lastSeat = Math.max(...registrations.filter((registration) => registration.status === "registered").map((registration) => registration.id));
    expect(Math.min(...waiting.map((registration) => registration.id))).toBeGreaterThan(lastSeat);
    check.db.close();
  }, 30_000);
});
