import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Scenario } from "./scenario.ts";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Minou's real entry point (`npm start`) in a child process, against the scenario's homeserver. */
export class ChildMinou {
  output = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly process: ChildProcess) {
    process.stdout?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    process.stderr?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => process.once("exit", (code, signal) => resolve({ code, signal })));
  }

  static start(scenario: Scenario, configOverrides: Record<string, unknown> = {}): ChildMinou {
    const configPath = join(scenario.dataDirectory, "config.json");
    writeFileSync(configPath, JSON.stringify({ ...scenario.configFile, logLevel: "info", ...configOverrides }, null, 2));
    return ChildMinou.run(["--config", configPath], { MINOU_ACCESS_TOKEN: scenario.bot.accessToken });
  }

  static run(args: readonly string[], env: Record<string, string> = {}, script = "src/main.ts"): ChildMinou {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new ChildMinou(child);
  }

  kill(signal: NodeJS.Signals): void {
    this.process.kill(signal);
  }
}
