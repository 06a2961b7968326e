import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { createInterface } from "node:readline/promises";
import { configPath } from "./cli-args.ts";
import { ConfigError, loadConfig, resolvePaths, validateConfig } from "./config/load.ts";
import { setUpDevice } from "./crypto/device-setup.ts";
import { createLogger } from "./log.ts";

/**
 * `npm run login`: logs the bot account in once with its password and writes the access token
 * where the configuration expects it (accessTokenFile), readable by its owner only.
 * The password comes from MINOU_PASSWORD or is asked for; it is never stored.
 */
async function main(): Promise<void> {
  const path = configPath(process.argv.slice(2), process.env);
  let file;
  try {
    file = validateConfig(JSON.parse(readFileSync(path, "utf8")));
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `${path} : ${(error as Error).message}`);
    process.exit(2);
  }
  const { accessTokenFile: target, dataDirectory } = resolvePaths(file, path);
  const password = process.env["MINOU_PASSWORD"] ?? (await ask(`Mot de passe de ${file.userId} : `));
  const response = await fetch(`${file.homeserverUrl}/_matrix/client/v3/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      type: "m.login.password",
      identifier: { type: "m.id.user", user: file.userId },
      password,
      initial_device_display_name: "Minou",
    }),
  });
  const body = (await response.json()) as { access_token?: string; device_id?: string; error?: string; errcode?: string };
  if (!response.ok || body.access_token === undefined) {
    console.error(`Connexion refusée par ${file.homeserverUrl} : ${body.errcode ?? response.status} ${body.error ?? ""}`);
    process.exit(1);
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${body.access_token}\n`, { mode: 0o600 });
  chmodSync(target, 0o600);
  console.log(`Connecté (appareil ${body.device_id ?? "?"}). Jeton d'accès enregistré dans ${target}.`);
  if (body.device_id !== undefined) {
    const created = await setUpDevice({
      homeserverUrl: file.homeserverUrl,
      userId: file.userId,
      deviceId: body.device_id,
      accessToken: body.access_token,
      password,
      dataDirectory,
      log: createLogger("warn"),
    });
    console.log(
      created
        ? "Appareil de Minou signé : une identité de signature croisée a été créée, les membres qui n'acceptent que les appareils vérifiés liront ses messages."
        : "Appareil de Minou déjà signé par son identité de signature croisée.",
    );
  }
  // Proves the file is where `npm start` will look for it.
  loadConfig(path);
}

async function ask(question: string): Promise<string> {
  const readline = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await readline.question(question)).trim();
  } finally {
    readline.close();
  }
}

await main();
