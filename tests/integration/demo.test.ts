import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { waitFor } from "../support/wait.ts";

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
    expect(output).toContain("Il manque « langue ». Utilisation : !langue <fr|en>");
  }, 60_000);

  it("prints its web address, and the page and feed links of !agenda lien open", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/demo/main.ts"], { cwd: projectRoot, stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      child.stdin.write("!agenda lien\n");
      await waitFor(() => /Page web : \S+/u.test(output), "the !agenda lien reply", 45_000);
      const announced = /Pages web de Minou \(agenda public, calendriers\) : (\S+)/u.exec(output)?.[1];
      const page = /Page web : (\S+)/u.exec(output)?.[1];
      const feed = /Adresse https : (\S+)/u.exec(output)?.[1];
      const roomPage = await fetch(page ?? "");
      expect(roomPage.status).toBe(200);
      expect(roomPage.headers.get("content-type")).toContain("text/html");
      expect(await roomPage.text()).toContain("Les Jardins partagés");
      const roomFeed = await fetch(feed ?? "");
      expect(roomFeed.status).toBe(200);
      expect(await roomFeed.text()).toContain("BEGIN:VCALENDAR");
      expect(announced).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/agenda$/u);
      const publicPage = await fetch(announced ?? "");
      expect(publicPage.status).toBe(200);
      expect(await publicPage.text()).toContain("Agenda public");
    } finally {
      child.stdin.end();
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
