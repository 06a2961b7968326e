import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, validateConfig } from "../../src/config/load.ts";
import { configKeyPaths } from "../../src/config/full-schema.ts";

const example = JSON.parse(readFileSync(new URL("../../config.example.json", import.meta.url), "utf8")) as Record<string, unknown>;

function problemsOf(raw: unknown): readonly string[] {
  try {
    validateConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

function writeConfig(content: unknown): string {
  const directory = mkdtempSync(join(tmpdir(), "minou-config-"));
  const path = join(directory, "config.json");
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe("configuration", () => {
  it("accepts config.example.json, which sets every key", () => {
    const config = validateConfig(example);
    expect(config.userId).toBe("@minou:centre-social-les-tilleuls.fr");
    expect(config.http).toEqual({ bind: "127.0.0.1", port: 8080, publicBaseUrl: "https://minou.centre-social-les-tilleuls.fr" });
    const keys = (value: unknown, prefix = ""): string[] =>
      typeof value === "object" && value !== null && !Array.isArray(value)
        ? Object.entries(value).flatMap(([key, inner]) => [`${prefix}${key}`, ...keys(inner, `${prefix}${key}.`)])
        : [];
    // Every key the schema knows is in the example, except the token itself (a secret).
    expect(keys(example).sort()).toEqual(configKeyPaths().filter((key) => key !== "accessToken").sort());
  });

  it("fills defaults: French, Paris, ! prefix, 127.0.0.1:8080", () => {
    const config = validateConfig({
      homeserverUrl: "https://matrix.exemple.fr/",
      userId: "@minou:exemple.fr",
      allowedServers: ["exemple.fr"],
    });
    expect(config).toMatchObject({
      homeserverUrl: "https://matrix.exemple.fr",
      commandPrefix: "!",
      defaultLanguage: "fr",
      timeZone: "Europe/Paris",
      http: { bind: "127.0.0.1", port: 8080 },
      logLevel: "info",
    });
  });

  it("lists every problem with its key path, in French", () => {
    const problems = problemsOf({
      ...example,
      userId: "minou",
      timeZone: "Europe/Pariss",
      http: { bind: "tout", port: 99999, publicBaseUrl: "ftp://x" },
      defaultLanguage: "de",
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^userId : identifiant Matrix attendu/),
        expect.stringMatching(/^timeZone : fuseau horaire IANA attendu/),
        expect.stringMatching(/^http\.bind : adresse IP attendue/),
        expect.stringMatching(/^http\.port : .*65535/),
        expect.stringMatching(/^http\.publicBaseUrl : adresse http/),
        expect.stringMatching(/^defaultLanguage : /),
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it("rejects unknown keys, suggesting the closest known one", () => {
    const problems = problemsOf({ ...example, comandPrefix: "!", http: { ...(example["http"] as object), prot: 1 } });
    expect(problems).toContain("comandPrefix : clé inconnue (vouliez-vous dire « commandPrefix » ?)");
    expect(problems).toContain("http.prot : clé inconnue (vouliez-vous dire « port » ?)");
  });

  it("names missing required keys", () => {
    expect(problemsOf({})).toEqual(
      expect.arrayContaining([expect.stringMatching(/^homeserverUrl : /), expect.stringMatching(/^userId : /), expect.stringMatching(/^allowedServers : /)]),
    );
  });

  it("takes the token from MINOU_ACCESS_TOKEN first, then the file written by npm run login", () => {
    const path = writeConfig({ ...example, accessTokenFile: "secret/token" });
    expect(() => loadConfig(path, {})).toThrow(/npm run login/);
    // Relative paths are relative to the config file.
    const tokenFile = join(path, "..", "secret", "token");
    expect(() => loadConfig(path, {})).toThrow(tokenFile);
    mkdirSync(join(tokenFile, ".."));
    writeFileSync(tokenFile, "syt_from_login\n");
    expect(loadConfig(path, {}).accessToken).toBe("syt_from_login");
    expect(loadConfig(path, { MINOU_ACCESS_TOKEN: "syt_env" }).accessToken).toBe("syt_env");
  });

  it("resolves the data directory next to the config file and never exposes the token in config", () => {
    const path = writeConfig({ ...example, accessToken: "syt_inline_secret" });
    const loaded = loadConfig(path, {});
    expect(loaded.accessToken).toBe("syt_inline_secret");
    expect(loaded.config.dataDirectory).toBe(join(path, "..", "data"));
    expect(JSON.stringify(loaded.config)).not.toContain("syt_inline_secret");
  });

  it("reports a file that is not JSON", () => {
    const directory = mkdtempSync(join(tmpdir(), "minou-config-"));
    const path = join(directory, "config.json");
    writeFileSync(path, "{ homeserverUrl: ");
    expect(() => loadConfig(path, {})).toThrow(/JSON invalide/);
  });
});
