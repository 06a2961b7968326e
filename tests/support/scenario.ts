import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateConfig, type MinouConfig } from "../../src/config/load.ts";
import type { ConfigFile } from "../../src/config/schema.ts";
import type { Feature } from "../../src/feature.ts";
import { Minou } from "../../src/minou.ts";
import { TestHomeserver, type RateLimitOptions } from "../homeserver/index.ts";
import { captureLog } from "./capture-log.ts";
import type { Member } from "./member.ts";
import { waitFor } from "./wait.ts";

export const FAST_RETRIES = { maxAttempts: 5, initialDelayMs: 50, maxDelayMs: 500 };

/** A test homeserver, Minou's account on it, and a config for a Minou that talks to it. */
export interface Scenario {
  /**
   * Its `faults` reach Minou's requests: e.g. `scenario.homeserver.faults.serverErrorFor({ bodyIncludes:
   * "…" })` fails one message on every attempt while the room's others go through.
   */
  readonly homeserver: TestHomeserver;
  readonly bot: { userId: string; accessToken: string; deviceId: string };
  readonly dataDirectory: string;
  readonly configFile: Record<string, unknown>;
  readonly config: MinouConfig;
}

export interface ScenarioOptions {
  /**
   * Leaves Minou's account under Synapse's rate limits (0.2 events/s, burst 10…), for tests of how
   * it copes. By default it is exempted, as the README advises centres to do with the admin API
   * override_ratelimit. Members (accounts made with registerUser) are exempted either way.
   */
  rateLimited?: boolean;
  /** Bucket settings and clock (Synapse 1.67's defaults otherwise). */
  rateLimits?: Omit<RateLimitOptions, "exemptRegisteredUsers">;
}

export async function createScenario(overrides: Partial<Record<keyof ConfigFile, unknown>> = {}, options: ScenarioOptions = {}): Promise<Scenario> {
  const homeserver = await TestHomeserver.start({ rateLimits: { ...options.rateLimits, exemptRegisteredUsers: true } });
  const bot = await homeserver.registerUser("minou");
  if (options.rateLimited === true) homeserver.setRateLimitOverride(bot.userId, undefined);
  const dataDirectory = mkdtempSync(join(tmpdir(), "minou-it-"));
  const configFile: Record<string, unknown> = {
    homeserverUrl: homeserver.url,
    userId: bot.userId,
    allowedServers: [homeserver.serverName],
    staff: [`@equipe:${homeserver.serverName}`],
    dataDirectory,
    http: { port: 0 },
    logLevel: "debug",
    floodGuard: { maxCommands: 1000, perSeconds: 10, muteSeconds: 30 },
    ...overrides,
  };
  const file = validateConfig(configFile);
  const { accessToken: _token, accessTokenFile: _file, ...rest } = file;
  const config: MinouConfig = { ...rest, dataDirectory, accessTokenFile: join(dataDirectory, "access-token") };
  return { homeserver, bot, dataDirectory, configFile, config };
}

/** Minou running in this process, with its log lines kept; `features` runs only those. */
export async function startMinou(scenario: Scenario, now?: () => number, features?: readonly Feature[]): Promise<{ minou: Minou; logLines: string[] }> {
  const { log, lines } = captureLog(scenario.config.logLevel);
  const minou = new Minou({
    config: scenario.config,
    accessToken: scenario.bot.accessToken,
    log,
    syncTimeoutMs: 2_000,
    retryPolicy: FAST_RETRIES,
    ...(now === undefined ? {} : { now }),
    ...(features === undefined ? {} : { features }),
  });
  await minou.start();
  await minou.ready;
  return { minou, logLines: lines };
}

/** A room created by `owner` with Minou invited, once Minou has joined it. */
export async function roomWithMinou(scenario: Scenario, owner: Member, options: Parameters<Member["createRoom"]>[0] = {}): Promise<string> {
  const roomId = await owner.createRoom({ preset: "private_chat" as never, name: "Les Jardins partagés", ...options, invite: [scenario.bot.userId, ...(options.invite ?? [])] });
  await waitFor(() => scenario.homeserver.stateContent(roomId, "m.room.member", scenario.bot.userId)?.["membership"] === "join", "Minou to join");
  return roomId;
}
