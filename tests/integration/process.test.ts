import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.ts";
import { openDatabase } from "../../storage/database.ts";
import { ChildMinou } from "../support/child-minou.ts";
import { Member } from "../support/member.ts";
import { createScenario, type Scenario } from "../support/scenario.ts";
import { waitFor } from "../support/wait.ts";

describe("the minou process (npm start)", () => {
  let scenario: Scenario;
  let camille: Member;

  beforeAll(async () => {
    scenario = await createScenario();
    camille = await Member.connect(scenario.homeserver, "camille");
  });

  afterAll(async () => {
    camille.stop();
    await scenario.homeserver.close();
  });

  it("refuses to start with an invalid config, listing every problem with its key, and starts nothing", async () => {
    const path = join(scenario.dataDirectory, "bad-config.json");
    writeFileSync(path, JSON.stringify({ ...scenario.configFile, userId: "minou", http: { port: "huit mille" }, colour: "bleu" }));
    const child = ChildMinou.run(["--config", path], { MINOU_ACCESS_TOKEN: scenario.bot.accessToken });
    const { code } = await child.exited;
    expect(code).toBe(2);
    expect(child.output).toContain("userId : identifiant Matrix attendu");
    expect(child.output).toContain("http.port : ");
    expect(child.output).toContain("colour : clé inconnue");
    expect(child.output).not.toContain(scenario.bot.accessToken);
  }, 30_000);

  it("npm run login logs the bot in with its password and stores the token where npm start reads it", async () => {
    await scenario.homeserver.registerUser("minou-login", "mot-de-passe-solide");
    const dataDirectory = join(scenario.dataDirectory, "login");
    const path = join(scenario.dataDirectory, "login-config.json");
    writeFileSync(path, JSON.stringify({ ...scenario.configFile, userId: `@minou-login:${scenario.homeserver.serverName}`, dataDirectory }));
    const wrong = ChildMinou.run(["--config", path], { MINOU_PASSWORD: "erreur" }, "src/login.ts");
    expect((await wrong.exited).code).toBe(1);
    expect(wrong.output).toContain("Connexion refusée");
    const login = ChildMinou.run(["--config", path], { MINOU_PASSWORD: "mot-de-passe-solide" }, "src/login.ts");
    expect((await login.exited).code).toBe(0);
    const tokenFile = join(dataDirectory, "access-token");
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(login.output).not.toContain("mot-de-passe-solide");
    const { accessToken } = loadConfig(path, {});
    const whoami = await fetch(`${scenario.homeserver.url}/_matrix/client/v3/account/whoami`, { headers: { authorization: `Bearer ${accessToken}` } });
    const { user_id: userId, device_id: deviceId } = (await whoami.json()) as { user_id: string; device_id: string };
    expect(userId).toBe(`@minou-login:${scenario.homeserver.serverName}`);
    // The new device published its keys and is signed by a new cross-signing identity.
    expect(login.output).toContain("Appareil de Minou signé");
    const query = await fetch(`${scenario.homeserver.url}/_matrix/client/v3/keys/query`, {
      method: "POST",
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ device_keys: { [userId]: [] } }),
    });
    const keys = (await query.json()) as {
      device_keys: Record<string, Record<string, { signatures: Record<string, Record<string, string>> }>>;
      self_signing_keys: Record<string, { keys: Record<string, string> }>;
      master_keys: Record<string, unknown>;
    };
    expect(keys.master_keys[userId]).toBeDefined();
    const selfSigning = Object.keys(keys.self_signing_keys[userId]?.keys ?? {})[0] ?? "none";
    expect(Object.keys(keys.device_keys[userId]?.[deviceId]?.signatures[userId] ?? {})).toContain(selfSigning);
    expect(statSync(join(dataDirectory, "crypto-store-key")).mode & 0o777).toBe(0o600);
  }, 30_000);

  it("answers, then stops cleanly on SIGTERM with its database closed and consistent", async () => {
    const roomId = await camille.createRoom({ name: "Arrêt propre", invite: [scenario.bot.userId] });
    const child = ChildMinou.start(scenario);
    await waitFor(() => scenario.homeserver.stateContent(roomId, "m.room.member", scenario.bot.userId)?.["membership"] === "join", "Minou to join", 20_000);
    const command = await camille.say(roomId, "!minou");
    await camille.waitForReply(roomId, command, scenario.bot.userId);
    child.kill("SIGTERM");
    const { code } = await child.exited;
    expect(code).toBe(0);
    expect(child.output).toContain("SIGTERM received, stopping");
    expect(child.output).toContain("Minou stopped");
    expect(child.output).not.toContain(scenario.bot.accessToken);
    const db = openDatabase(join(scenario.dataDirectory, "minou.sqlite"));
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.prepare("SELECT count(*) FROM inbound_events WHERE handled_at IS NULL").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM outbox WHERE sent_at IS NULL").pluck().get()).toBe(0);
    db.close();
  }, 30_000);
});
