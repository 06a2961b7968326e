import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configKeyPaths } from "../src/config/full-schema.ts";
import { withReference } from "../scripts/readme-commands.ts";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

/** Keys that hold a value rather than more keys. */
function leafKeys(): string[] {
  const paths = configKeyPaths();
  return paths.filter((path) => !paths.some((other) => other.startsWith(`${path}.`)));
}

describe("README.md", () => {
  it("has the command reference generated from the registry (run npm run readme:commands)", () => {
    expect(withReference(readme)).toBe(readme);
  });

  it("documents every configuration key in its table", () => {
    for (const key of leafKeys()) expect(readme, key).toContain(`| \`${key}\` |`);
  });

  it("gives the two commands of a fresh machine", () => {
    expect(readme).toContain("npm ci && npm run demo");
    expect(readme).toContain("npm test");
  });
});
