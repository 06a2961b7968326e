import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface Child {
  readonly process: ChildProcess;
  /** Resolves when a line of its output matches. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

export function startChild(script: string, args: readonly string[], env: Record<string, string> = {}): Child {
  // BENCH_CPU_PROF=<dir>: each child writes a V8 CPU profile there (NODE_OPTIONS may not carry it).
  const profile = process.env["BENCH_CPU_PROF"];
  const flags = profile === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${profile}`];
  const child = spawn(process.execPath, [...flags, "--import", "tsx", script, ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  return {
    process: child,
    waitForLine(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${script}: no line matching ${pattern} in ${timeoutMs} ms\n${output}`)), timeoutMs);
        const check = (): void => {
          const line = output.split("\n").find((candidate) => pattern.test(candidate));
          if (line === undefined) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve(line);
        };
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Resident memory of a process, in MiB (Linux). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
}

/** Writes a config for Minou against `homeserverUrl` in a fresh data directory; returns its path. */
export function minouConfig(homeserverUrl: string, userId: string, serverName: string, overrides: Record<string, unknown> = {}): string {
  const dataDirectory = mkdtempSync(join(tmpdir(), "minou-bench-"));
  const path = join(dataDirectory, "config.json");
  writeFileSync(
    path,
    JSON.stringify({
      homeserverUrl,
      userId,
      allowedServers: [serverName],
      dataDirectory,
      http: { port: 0 },
      logLevel: "info",
      floodGuard: { maxCommands: 100_000, perSeconds: 1, muteSeconds: 1 },
      ...overrides,
    }),
  );
  return path;
}
