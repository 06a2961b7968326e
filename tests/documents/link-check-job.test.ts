import { describe, expect, it } from "vitest";
import { linkCheckJob, LINKS_PER_TICK, RETRY_AFTER_MS, type LinkChecker } from "../../src/documents/jobs/link-check-job.ts";
import type { LinkStatus } from "../../src/documents/link-check.ts";
import { captureLog } from "../support/capture-log.ts";
import { memoryStores } from "../support/memory-stores.ts";

const DAY = 86_400_000;
const ROOM = "!asso:x";

/** A checker that answers from a table, and records what it was asked. */
function fakeChecker(answers: Map<string, LinkStatus>): { check: LinkChecker; asked: string[][] } {
  const asked: string[][] = [];
  const check: LinkChecker = async (urls) => {
    asked.push([...urls]);
    return new Map(urls.map((url) => [url, answers.get(url) ?? { ok: true, status: 200, finalUrl: url }]));
  };
  return { check, asked };
}

function setup(enabled = true) {
  const stores = memoryStores();
  stores.rooms.recordJoin(ROOM, 0);
  const answers = new Map<string, LinkStatus>();
  const { check, asked } = fakeChecker(answers);
  let woken = 0;
  const settings = { enabled, intervalDays: 7, timeoutSeconds: 5, allowedAddresses: [], defaultLanguage: "fr" as const, prefix: "!" };
  const job = linkCheckJob(stores, settings, () => (woken += 1), captureLog().log, check);
  const add = (title: string, url: string) => stores.documents.documents.create({ roomId: ROOM, title, url, tags: [], addedBy: "@camille:x" }, 0);
  const reports = () => {
    const bodies: string[] = [];
    for (let next = stores.outbox.nextForRoom(ROOM); next !== undefined; next = stores.outbox.nextForRoom(ROOM)) {
      bodies.push(String(next.content["body"]));
      stores.outbox.markSent(next.id, "$x", 0);
    }
    return bodies;
  };
  return { stores, answers, asked, job, add, reports, woken: () => woken };
}

describe("dead-link check job", () => {
  it("checks links a week after they were added and reports the broken ones once", async () => {
    const { answers, asked, job, add, reports, woken } = setup();
    add("Budget", "https://cloud.x/budget");
    add("Statuts", "https://cloud.x/statuts");
    add("Intranet", "http://192.168.1.10/");
    answers.set("https://cloud.x/statuts", { ok: false, reason: "http", status: 404 });
    answers.set("http://192.168.1.10/", { ok: false, reason: "blockedAddress", address: "192.168.1.10" });
    await job.run(6 * DAY);
    expect(asked).toEqual([]);
    await job.run(7 * DAY);
    expect(asked).toEqual([["https://cloud.x/budget", "https://cloud.x/statuts", "http://192.168.1.10/"]]);
    const [report, ...others] = reports();
    expect(others).toEqual([]);
    expect(report).toContain("Liens à vérifier");
    expect(report).toContain("n°2 · Statuts (https://cloud.x/statuts) — page introuvable (erreur 404)");
    expect(report).toContain("n°3 · Intranet (http://192.168.1.10/) — non vérifié : il mène à une adresse privée ou locale (192.168.1.10)");
    expect(report).not.toContain("Budget");
    expect(woken()).toBe(1);
    await job.run(7 * DAY);
    await job.run(14 * DAY);
    expect(reports()).toEqual([]);
  });

  it("reports a link again when it broke, worked, then broke again", async () => {
    const { answers, job, add, reports } = setup();
    add("Statuts", "https://cloud.x/statuts");
    answers.set("https://cloud.x/statuts", { ok: false, reason: "http", status: 410 });
    await job.run(7 * DAY);
    expect(reports()).toHaveLength(1);
    answers.delete("https://cloud.x/statuts");
    await job.run(14 * DAY);
    expect(reports()).toEqual([]);
    answers.set("https://cloud.x/statuts", { ok: false, reason: "network", detail: "ENOTFOUND" });
    await job.run(21 * DAY);
    expect(reports()).toEqual([expect.stringContaining("ce nom de site n'existe pas")]);
  });

  it("checks a passing failure again an hour later, and reports it only if it fails again", async () => {
    const { answers, asked, job, add, reports } = setup();
    add("Pad", "https://pad.x/p");
    add("Visio", "https://visio.x/");
    answers.set("https://pad.x/p", { ok: false, reason: "timeout" });
    answers.set("https://visio.x/", { ok: false, reason: "http", status: 503 });
    await job.run(7 * DAY);
    expect(reports()).toEqual([]);
    answers.delete("https://visio.x/");
    await job.run(7 * DAY + RETRY_AFTER_MS);
    expect(asked.at(-1)).toEqual(["https://pad.x/p", "https://visio.x/"]);
    expect(reports()).toEqual([expect.stringContaining("Pad (https://pad.x/p) — le site ne répond pas")]);
  });

  it("treats a page that asks to log in as working", async () => {
    const { answers, job, add, reports } = setup();
    add("Dossier privé", "https://cloud.x/private");
    answers.set("https://cloud.x/private", { ok: false, reason: "http", status: 401 });
    await job.run(7 * DAY);
    await job.run(7 * DAY + RETRY_AFTER_MS);
    expect(reports()).toEqual([]);
  });

  it("ignores the result for a link changed or removed while it was being checked", async () => {
    const { stores, answers, job, add, reports } = setup();
    const statuts = add("Statuts", "https://cloud.x/statuts");
    const budget = add("Budget", "https://cloud.x/budget");
    answers.set("https://cloud.x/statuts", { ok: false, reason: "http", status: 404 });
    answers.set("https://cloud.x/budget", { ok: false, reason: "http", status: 404 });
    const slowJob = linkCheckJob(
      stores,
      { enabled: true, intervalDays: 7, timeoutSeconds: 5, allowedAddresses: [], defaultLanguage: "fr", prefix: "!" },
      () => undefined,
      captureLog().log,
      async (urls) => {
        stores.documents.documents.update(statuts.id, { field: "url", value: "https://cloud.x/statuts-2026" }, 7 * DAY);
        stores.documents.documents.remove(budget.id);
        return new Map(urls.map((url) => [url, answers.get(url) ?? { ok: true, status: 200, finalUrl: url }]));
      },
    );
    await slowJob.run(7 * DAY);
    expect(reports()).toEqual([]);
    await job.run(8 * DAY);
    expect(reports()).toEqual([]);
  });

  it("checks at most a batch per tick, and nothing when turned off", async () => {
    const off = setup(false);
    off.add("Budget", "https://cloud.x/budget");
    await off.job.run(30 * DAY);
    expect(off.asked).toEqual([]);
    const { asked, job, add } = setup();
    for (let index = 0; index < LINKS_PER_TICK + 5; index += 1) add(`Doc ${index}`, `https://cloud.x/${index}`);
    await job.run(7 * DAY);
    await job.run(7 * DAY);
    expect(asked.map((urls) => urls.length)).toEqual([LINKS_PER_TICK, 5]);
  });

  it("speaks English in an English room and splits a very long report", async () => {
    const { stores, answers, job, add, reports } = setup();
    stores.rooms.setLanguage(ROOM, "en");
    for (let index = 0; index < LINKS_PER_TICK; index += 1) {
      const url = `https://cloud.x/${index}/${"a".repeat(1900)}`;
      add(`Doc ${index}`, url);
      answers.set(url, { ok: false, reason: "http", status: 404 });
    }
    await job.run(7 * DAY);
    const parts = reports();
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]).toContain("Links to check");
    expect(parts.join("\n").match(/page not found \(error 404\)/g)).toHaveLength(LINKS_PER_TICK);
  });
});
