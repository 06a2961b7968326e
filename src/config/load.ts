import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { closest } from "fastest-levenshtein";
import { z } from "zod";
import { configSchema } from "./full-schema.ts";
import { shapeOf, type ConfigFile } from "./schema.ts";

z.config(z.locales.fr());

/** The validated configuration, paths made absolute, without the access token. */
export type MinouConfig = Omit<ConfigFile, "accessToken" | "accessTokenFile"> & {
  readonly accessTokenFile: string;
};

export interface LoadedConfig {
  readonly config: MinouConfig;
  /** Kept apart from `config` so that logging the configuration can never leak it. */
  readonly accessToken: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Configuration invalide :\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`;
    return text === "" ? String(key) : `${text}.${String(key)}`;
  }, "");
}

/** Checks an object against the schema and lists every problem, each with its key path. */
export function validateConfig(raw: unknown): ConfigFile {
  const result = configSchema.safeParse(raw);
  // The schema is put together from the features' sections at run time; ConfigFile is its type.
  if (result.success) return result.data as unknown as ConfigFile;
  const problems = result.error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(issue.path);
      return issue.keys.map((key) => {
        const suggestion = known.length > 0 ? closest(key, known) : undefined;
        const hint = suggestion === undefined ? "" : ` (vouliez-vous dire « ${suggestion} » ?)`;
        return `${pathOf([...issue.path, key])} : clé inconnue${hint}`;
      });
    }
    return [`${pathOf(issue.path) || "(racine)"} : ${issue.message}`];
  });
  throw new ConfigError(problems);
}

function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType | undefined = configSchema;
  for (const key of path) schema = schema === undefined ? undefined : shapeOf(schema)?.[String(key)];
  return schema === undefined ? [] : Object.keys(shapeOf(schema) ?? {});
}

/**
 * Reads and validates config.json. The access token comes, in this order, from the
 * MINOU_ACCESS_TOKEN environment variable, the `accessToken` key, or the file that
 * `npm run login` writes (`accessTokenFile`, by default inside the data directory).
 */
export function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError([`${path} : fichier illisible (${(error as Error).message})`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`${path} : JSON invalide (${(error as Error).message})`]);
  }
  const file = validateConfig(raw);
  const { dataDirectory, accessTokenFile } = resolvePaths(file, path);
  const { accessToken: tokenInFile, accessTokenFile: _ignored, ...rest } = file;
  const accessToken =
    nonEmpty(env["MINOU_ACCESS_TOKEN"]) ??
    tokenInFile ??
    (existsSync(accessTokenFile) ? nonEmpty(readFileSync(accessTokenFile, "utf8")) : undefined);
  if (accessToken === undefined) {
    throw new ConfigError([
      "accessToken : aucun jeton d'accès. Définissez MINOU_ACCESS_TOKEN, la clé accessToken, " +
        `ou lancez « npm run login » qui l'écrira dans ${accessTokenFile}`,
    ]);
  }
  return { config: { ...rest, dataDirectory, accessTokenFile }, accessToken };
}

/** Paths in config.json are relative to the file itself, not to where Minou is started from. */
export function resolvePaths(file: ConfigFile, configFilePath: string): { dataDirectory: string; accessTokenFile: string } {
  const base = dirname(resolve(configFilePath));
  const absolute = (target: string): string => (isAbsolute(target) ? target : resolve(base, target));
  const dataDirectory = absolute(file.dataDirectory);
  return { dataDirectory, accessTokenFile: absolute(file.accessTokenFile ?? join(dataDirectory, "access-token")) };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}
