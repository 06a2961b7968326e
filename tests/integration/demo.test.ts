import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

describe("npm run demo", () => {
  it("starts a homeserver and Minou, and Minou answers !aide typed in the terminal chat", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/demo/main.ts"], { cwd: projectRoot, stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end("!aide\n!aide général\nMinou : langue\n");
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(0);
    expect(output).toContain("Démo de Minou");
    expect(output).toContain("Voici ce que je sais faire pour vous");
    expect(output).toContain("!langue — choisir la langue de Minou dans ce salon");
    expect(output).toContain("Il manque langue. Utilisation : !langue <fr|en>");
  }, 60_000);
});
