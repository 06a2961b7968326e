import { fork } from "node:child_process";
import { createServer, request, Agent, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import { agendaRoutes, type AgendaSource } from "../src/agenda/feed-routes.ts";
import { renderFeed } from "../src/agenda/ical-feed.ts";
import { MAX_OCCURRENCES, occurrencesBetween } from "../src/agenda/occurrences.ts";
import type { AgendaEvent } from "../src/agenda/model.ts";
import { HttpServer } from "../src/http/server.ts";
import { createLogger } from "../src/log.ts";

/**
 * iCalendar feed serving: requests per second through Minou's real route (full 200 responses and
 * 304s) next to the same bytes from a bare node:http server, measured in the same run; plus cold
 * render times. Target: full responses >= 50 % of the static rate.
 * Usage: npm run bench:ical [-- <seconds per measurement> <concurrent connections>]
 * The load generator runs in a child process so that it doesn't share the servers' event loop.
 */
const SECONDS = Number(process.argv[2] ?? 5);
const CONNECTIONS = Number(process.argv[3] ?? 8);
/** The four measurements alternate, best of ROUNDS each, so a noisy neighbour hurts both sides alike. */
const ROUNDS = 2;
const TOKEN = "bench-token-0123456789";
const NOW = Date.UTC(2026, 2, 1, 12);

interface Load {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly seconds: number;
  readonly connections: number;
  readonly expectStatus: number;
}

/** Keep-alive connections, each sending its next request as soon as the last response ended. */
async function generateLoad(load: Load): Promise<{ requests: number; seconds: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  const once = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const outgoing = request(load.url, { agent, headers: load.headers }, (response) => {
        if (response.statusCode !== load.expectStatus) reject(new Error(`${load.url}: status ${response.statusCode}`));
        response.on("data", () => undefined);
        response.on("end", resolve);
      });
      outgoing.on("error", reject);
      outgoing.end();
    });
  const warmUpUntil = performance.now() + 500;
  while (performance.now() < warmUpUntil) await once();
  let requests = 0;
  const started = performance.now();
  const deadline = started + load.seconds * 1_000;
  await Promise.all(
    Array.from({ length: load.connections }, async () => {
      while (performance.now() < deadline) {
        await once();
        requests += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1_000;
  agent.destroy();
  return { requests, seconds };
}

const LOAD_FLAG = "--generate-load";
if (process.argv[2] === LOAD_FLAG) {
  process.send?.(await generateLoad(JSON.parse(process.argv[3] ?? "{}") as Load));
} else {
  await main();
}

/** Requests per second, from a generator in its own process (a worker thread can't load .ts under Node 20). */
function measure(load: Load): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [LOAD_FLAG, JSON.stringify(load)], { execArgv: ["--import", "tsx"] });
    child.once("message", (result: { requests: number; seconds: number }) => {
      resolve(result.requests / result.seconds);
      child.disconnect();
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
  });
}

function benchEvents(count: number): AgendaEvent[] {
  const zones = ["Europe/Paris", "Europe/Paris", "Europe/Paris", "America/Cayenne", "Indian/Reunion"];
  return Array.from({ length: count }, (_unused, index) => {
    const timeZone = zones[index % zones.length] ?? "Europe/Paris";
    const start = DateTime.fromObject({ year: 2026, month: 1 + (index % 12), day: 1 + (index % 28), hour: 9 + (index % 10) }, { zone: timeZone }).toMillis();
    const weekly = index % 4 === 0;
    return {
      id: index + 1, roomId: "!bench:test", number: index + 1, uid: `bench-${index}@minou.test`,
      title: `Atelier n°${index} : couture, tricot & réparation`, location: "Salle polyvalente, 12 rue des Lilas, 75020 Paris",
      description: "Venez avec vos vêtements abîmés ; nous avons du fil, des aiguilles et une machine à coudre.\nGoûter offert.",
      startsAt: start, endsAt: start + 2 * 3_600_000, allDay: index % 25 === 0, timeZone,
      rrule: weekly ? "FREQ=WEEKLY;UNTIL=20261231T225959Z" : null,
      exceptions: weekly ? [{ originalStart: start + 14 * 86_400_000, cancelled: true }, { originalStart: start + 21 * 86_400_000, cancelled: false, startsAt: start + 22 * 86_400_000, endsAt: start + 22 * 86_400_000 + 7_200_000 }] : [],
      status: index % 10 === 0 ? "cancelled" : "confirmed", isPublic: index % 3 === 0, sequence: index % 5,
      createdBy: "@bench:test", createdAt: NOW - 86_400_000, updatedAt: NOW - 3_600_000,
    };
  });
}

function medianRenderMs(events: readonly AgendaEvent[], runs: number): number {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    renderFeed({ name: "Bench", timeZone: "Europe/Paris", events }, NOW + run);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

async function main(): Promise<void> {
  const events = benchEvents(500);
  const source: AgendaSource = {
    roomForToken: (token) => (token === TOKEN ? { roomId: "!bench:test", name: "Bench", language: "fr", timeZone: "Europe/Paris" } : undefined),
    roomEvents: () => events,
    publicEvents: () => events.filter((event) => event.isPublic),
    organisers: () => new Map([["!bench:test", "Bench"]]),
    version: () => "1",
  };
  const minou = new HttpServer(agendaRoutes(source, { publicBaseUrl: "https://minou.test", centreName: "Bench", now: () => NOW }), createLogger("error"));
  const minouPort = await minou.listen("127.0.0.1", 0);
  const feedUrl = `http://127.0.0.1:${minouPort}/feeds/${TOKEN}.ics`;
  const first = await fetch(feedUrl);
  const body = Buffer.from(await first.arrayBuffer());
  const etag = first.headers.get("etag") ?? "";

  // The baseline: the same bytes and validators from a bare server that does nothing else.
  const bare = createServer((incoming, response) => {
    if (incoming.headers["if-none-match"] === etag) {
      response.writeHead(304, { etag }).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/calendar; charset=utf-8", etag }).end(body);
  });
  const bareUrl = `http://127.0.0.1:${await listen(bare)}/feed.ics`;

  const load = (url: string, headers: Record<string, string>, expectStatus: number): Load => ({ url, headers, seconds: SECONDS, connections: CONNECTIONS, expectStatus });
  const series: Array<[string, Load]> = [
    ["static 200 (baseline)", load(bareUrl, {}, 200)],
    ["Minou route 200", load(feedUrl, {}, 200)],
    ["static 304 (baseline)", load(bareUrl, { "if-none-match": etag }, 304)],
    ["Minou route 304", load(feedUrl, { "if-none-match": etag }, 304)],
  ];
  const best = new Map<string, number>();
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, spec] of series) best.set(name, Math.max(best.get(name) ?? 0, await measure(spec)));
    }
  } finally {
    await minou.close();
    await new Promise((resolve) => bare.close(resolve));
  }

  const rate = Object.fromEntries(best);
  console.log(`\niCalendar feed of ${events.length} events (${(body.length / 1024).toFixed(0)} KiB), best of ${ROUNDS} x ${SECONDS} s, ${CONNECTIONS} keep-alive connections, 127.0.0.1`);
  for (const [name, perSecond] of best) console.log(`  ${name.padEnd(24)} ${perSecond.toFixed(0).padStart(8)} req/s`);
  const full = (rate["Minou route 200"] ?? 0) / (rate["static 200 (baseline)"] ?? 1);
  const notModified = (rate["Minou route 304"] ?? 0) / (rate["static 304 (baseline)"] ?? 1);
  console.log(`  ratio Minou / static     200 ${(full * 100).toFixed(0)} %   304 ${(notModified * 100).toFixed(0)} %   (target: 200 >= 50 %)`);

  console.log("\nCold render (renderFeed, median of 5)");
  for (const count of [500, 5_000]) {
    const sample = count === events.length ? events : benchEvents(count);
    console.log(`  ${String(count).padStart(5)} events ${medianRenderMs(sample, 5).toFixed(1).padStart(8)} ms`);
  }

  // An endless rule asked over a century stops at MAX_OCCURRENCES; baseline: a year of a weekly rule.
  const [weeklyEvent] = benchEvents(1);
  if (weeklyEvent === undefined) return;
  const daily: AgendaEvent = { ...weeklyEvent, rrule: "FREQ=DAILY", exceptions: [] };
  const medianMs = (work: () => unknown): number => {
    const samples = Array.from({ length: 5 }, () => {
      const started = performance.now();
      work();
      return performance.now() - started;
    });
    return samples.sort((a, b) => a - b)[2] ?? 0;
  };
  const century = medianMs(() => occurrencesBetween(daily, NOW, NOW + 100 * 365 * 86_400_000));
  const year = medianMs(() => occurrencesBetween(weeklyEvent, NOW - 365 * 86_400_000, NOW + 365 * 86_400_000));
  console.log(`\nEndless daily rule over 100 years (stops at ${MAX_OCCURRENCES}), median of 5: ${century.toFixed(1)} ms (target < 1,000 ms)`);
  console.log(`  baseline: a weekly rule over two years ${year.toFixed(1)} ms; ratio ${(century / Math.max(year, 0.001)).toFixed(0)}x`);
}
