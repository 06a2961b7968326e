import { mkdtempSync, rmSync, createWriteStream } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { RoomEvent, type MatrixEvent, type Room } from "matrix-js-sdk";
import { validateConfig } from "../config/load.ts";
import { createLogger } from "../log.ts";
import { Minou } from "../minou.ts";
import { TestHomeserver } from "../../tests/homeserver/index.ts";
import { Member } from "../../tests/support/member.ts";
import { waitFor } from "../../tests/support/wait.ts";

/**
 * `npm run demo`: a homeserver, Minou and a chat in the terminal, with nothing to install.
 * The embedded homeserver is the one the tests use (tests/homeserver); Minou is the real one.
 */
async function demo(): Promise<void> {
  const interactive = process.stdin.isTTY === true;
  const dataDirectory = mkdtempSync(join(tmpdir(), "minou-demo-"));
  // Accounts exempted from rate limits, as the README advises a centre to do for Minou.
  const homeserver = await TestHomeserver.start({ serverName: "centre-demo.fr", rateLimits: { exemptRegisteredUsers: true } });
  const bot = await homeserver.registerUser("minou");
  // The links Minou gives (agenda page, iCal feeds) are built from publicBaseUrl, so the port must
  // be known before the config is: a port the system picks, freed again for Minou to bind.
  const port = await freePort();
  const webAddress = `http://127.0.0.1:${port}`;
  const file = validateConfig({
    homeserverUrl: homeserver.url,
    userId: bot.userId,
    allowedServers: [homeserver.serverName],
    dataDirectory,
    http: { port, publicBaseUrl: webAddress },
    centre: { name: "Centre social de démonstration" },
  });
  const { accessToken: _token, accessTokenFile: _file, ...settings } = file;
  const logFile = join(dataDirectory, "minou.log");
  const logStream = createWriteStream(logFile);
  const minou = new Minou({
    config: { ...settings, dataDirectory, accessTokenFile: join(dataDirectory, "access-token") },
    accessToken: bot.accessToken,
    log: createLogger("info", (line) => logStream.write(`${line}\n`)),
    syncTimeoutMs: 5_000,
  });
  await minou.start();
  await minou.ready;

  // As in Element: a private room encrypted from the start, and Minou's DMs accepted.
  const camille = await Member.connect(homeserver, "camille", { encryption: true, acceptInvitesFrom: bot.userId });
  const roomId = await camille.createRoom({
    name: "Les Jardins partagés",
    invite: [bot.userId],
    initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
  });
  await waitFor(() => homeserver.stateContent(roomId, "m.room.member", bot.userId)?.["membership"] === "join", "Minou to join");

  console.log(`
  Démo de Minou — salon chiffré « Les Jardins partagés », vous êtes ${camille.userId}.
  Tapez une commande, par exemple !aide, !minou ou « Minou : aide ». /quitter pour sortir.
  Pages web de Minou (agenda public, calendriers) : ${webAddress}/agenda
  (Journal de Minou : ${logFile})
`);

  let waiting: ((event: MatrixEvent) => void) | undefined;
  camille.client.on(RoomEvent.Timeline, (event: MatrixEvent, room: Room | undefined, toStartOfTimeline: boolean | undefined) => {
    if (room === undefined || toStartOfTimeline === true || event.getSender() !== bot.userId) return;
    void camille.client.decryptEventIfNeeded(event).then(() => {
      if (event.getType() !== "m.room.message") return;
      const body = String(event.getContent()["body"] ?? "");
      const who = room.roomId === roomId ? "Minou" : "Minou, en message privé";
      console.log(`\n${who} :\n${body.replace(/^/gm, "  ")}\n`);
      if (room.roomId === roomId) waiting?.(event);
    });
  });

  const lines = createInterface({ input: process.stdin, output: process.stdout, prompt: "vous > ", terminal: interactive });
  const stop = async (): Promise<void> => {
    lines.close();
    camille.stop();
    await minou.stop();
    await homeserver.close();
    logStream.end();
    rmSync(dataDirectory, { recursive: true, force: true });
  };
  lines.prompt();
  for await (const line of lines) {
    const text = line.trim();
    if (text === "/quitter" || text === "/quit") break;
    if (text !== "") {
      const answered = new Promise<MatrixEvent | undefined>((resolve) => {
        waiting = resolve;
        setTimeout(() => resolve(undefined), 5_000);
      });
      await camille.say(roomId, text);
      // Piped input: wait for Minou before the next line, so the conversation reads in order.
      if (!interactive) await answered;
    }
    lines.prompt();
  }
  await stop();
  process.exit(0);
}

/** A TCP port free on 127.0.0.1 right now, as the system hands out for port 0. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no TCP port bound");
  return address.port;
}

await demo();
