import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { checkLinks, type LinkStatus } from "../src/documents/link-check.ts";

/**
 * Link checking: the real checkLinks (address checks on every hop, pinned connections, a fresh
 * socket per request, one deadline per link) next to plain fetch with no guard, in the same run,
 * on the same links, at the same concurrency and timeout. Servers on 127.0.0.1–3 delay every answer
 * and some never answer, as slow association websites do; wall time is bound by those delays, so
 * CPU time is printed too: that is where the guard's own cost shows (it includes the in-process
 * servers' work, the same for both sides).
 * Usage: npm run bench:links [-- <links> <delay ms>]
 */
const LINKS = Number(process.argv[2] ?? 500);
const DELAY_MS = Number(process.argv[3] ?? 200);
const CONCURRENCY = 8;
const TIMEOUT_MS = 1_000;
const HOSTS = ["127.0.0.1", "127.0.0.2", "127.0.0.3"] as const;
/** The bench stops by itself even if something hangs. */
const WATCHDOG_MS = 10 * 60_000;

type Kind = "ok" | "absent" | "redirect" | "hang";
type Outcome = "ok" | "http" | "timeout" | "other";

function kindOf(index: number): Kind {
  if (index % 50 === 49) return "hang";
  if (index % 10 === 3) return "absent";
  if (index % 10 === 5) return "redirect";
  return "ok";
}

async function startSite(host: string, origins: string[]): Promise<Server> {
  const server = createServer((incoming, response) => {
    const path = incoming.url ?? "/";
    if (path.startsWith("/hang")) return; // never answers: the checker's deadline must end it
    setTimeout(() => {
      if (path.startsWith("/absent")) response.writeHead(404).end();
      else if (path.startsWith("/redirect")) {
        const next = origins[(origins.indexOf(`http://${host}:${(server.address() as AddressInfo).port}`) + 1) % origins.length];
        response.writeHead(302, { location: `${next ?? ""}${path.replace("/redirect", "/ok")}` }).end();
      } else response.writeHead(200, { "content-type": "text/html" }).end("<p>Bienvenue</p>");
    }, DELAY_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  origins.push(`http://${host}:${(server.address() as AddressInfo).port}`);
  return server;
}

/** The baseline: HEAD with fetch's own redirect handling and a timeout, nothing else. */
async function plainFetch(urls: readonly string[]): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < urls.length; index = next++) {
      const url = urls[index] ?? "";
      try {
        const response = await fetch(url, { method: "HEAD", redirect: "follow", signal: AbortSignal.timeout(TIMEOUT_MS) });
        await response.body?.cancel();
        outcomes.set(url, response.status >= 400 ? "http" : "ok");
      } catch (error) {
        outcomes.set(url, (error as Error).name === "TimeoutError" ? "timeout" : "other");
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcomes;
}

async function guarded(urls: readonly string[]): Promise<Map<string, Outcome>> {
  const results = await checkLinks(urls, { timeoutMs: TIMEOUT_MS, maxRedirects: 5, allowedPrivate: HOSTS, concurrency: CONCURRENCY });
  const outcome = (status: LinkStatus): Outcome => (status.ok ? "ok" : status.reason === "http" || status.reason === "timeout" ? status.reason : "other");
  return new Map([...results].map(([url, status]) => [url, outcome(status)]));
}

interface Run {
  readonly seconds: number;
  readonly cpuMs: number;
  readonly counts: Record<Outcome, number>;
}

async function measure(check: (urls: readonly string[]) => Promise<Map<string, Outcome>>, urls: readonly string[]): Promise<Run> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const outcomes = await check(urls);
  const seconds = (performance.now() - started) / 1_000;
  const cpu = process.cpuUsage(cpuBefore);
  const counts: Record<Outcome, number> = { ok: 0, http: 0, timeout: 0, other: 0 };
  for (const outcome of outcomes.values()) counts[outcome] += 1;
  return { seconds, cpuMs: (cpu.user + cpu.system) / 1_000, counts };
}

async function main(): Promise<void> {
  const origins: string[] = [];
  const sites: Server[] = [];
  for (const host of HOSTS) sites.push(await startSite(host, origins));
  // Distinct URLs (checkLinks checks duplicates once), spread over the three hosts.
  const urls = Array.from({ length: LINKS }, (_unused, index) => `${origins[index % origins.length] ?? ""}/${kindOf(index)}/${index}`);
  const expected = { ok: 0, http: 0, timeout: 0, redirect: 0 };
  for (let index = 0; index < LINKS; index += 1) {
    const kind = kindOf(index);
    if (kind === "absent") expected.http += 1;
    else if (kind === "hang") expected.timeout += 1;
    else expected.ok += 1;
    if (kind === "redirect") expected.redirect += 1;
  }

  try {
    await plainFetch(urls.slice(0, CONCURRENCY)); // warm both paths up before measuring
    await guarded(urls.slice(0, CONCURRENCY));
    const baseline = await measure(plainFetch, urls);
    const minou = await measure(guarded, urls);

    console.log(`\nLink checking: ${LINKS} links (${expected.ok} ok of which ${expected.redirect} via one redirect, ${expected.http} 404, ${expected.timeout} hanging),`);
    console.log(`answers delayed ${DELAY_MS} ms, timeout ${TIMEOUT_MS} ms, concurrency ${CONCURRENCY}, servers on ${HOSTS.join(", ")}`);
    const line = (name: string, run: Run): void =>
      console.log(`  ${name.padEnd(24)} ${run.seconds.toFixed(2).padStart(7)} s ${(LINKS / run.seconds).toFixed(1).padStart(8)} links/s ${run.cpuMs.toFixed(0).padStart(7)} ms CPU   ok ${run.counts.ok}, http ${run.counts.http}, timeout ${run.counts.timeout}, other ${run.counts.other}`);
    line("plain fetch (baseline)", baseline);
    line("checkLinks (guarded)", minou);
    console.log(`  ratio checkLinks / fetch  duration ${(minou.seconds / baseline.seconds).toFixed(2)}x   throughput ${((baseline.seconds / minou.seconds) * 100).toFixed(0)} %   CPU ${(minou.cpuMs / baseline.cpuMs).toFixed(2)}x`);
    const agree = minou.counts.ok === expected.ok && minou.counts.http === expected.http && minou.counts.timeout === expected.timeout;
    if (!agree) console.log(`  WARNING: checkLinks outcomes differ from the expected ${JSON.stringify(expected)}`);
  } finally {
    for (const site of sites) {
      site.closeAllConnections();
      await new Promise((resolve) => site.close(resolve));
    }
  }
}

const watchdog = setTimeout(() => {
  console.error(`bench:links did not finish within ${WATCHDOG_MS / 1_000} s`);
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();
await main();
