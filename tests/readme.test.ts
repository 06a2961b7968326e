import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { configSchema } from "../src/config/schema.ts";
import { withReference } from "../scripts/readme-commands.ts";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

function leafKeys(schema: z.ZodType, prefix = ""): string[] {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  if (!(inner instanceof z.ZodObject)) return [prefix.slice(0, -1)];
  return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, value]) => leafKeys(value, `${prefix}${key}.`));
}

describe("README.md", () => {
  it("has the command reference generated from the registry (run npm run readme:commands)", () => {
    expect(withReference(readme)).toBe(readme);
  });

  it("documents every configuration key in its table", () => {
    for (const key of leafKeys(configSchema)) expect(readme, key).toContain(`| \`${key}\` |`);
  });

  it("gives the two commands of a fresh machine", () => {
    expect(readme).toContain("npm ci && npm run demo");
    expect(readme).toContain("npm test");
  });
});
