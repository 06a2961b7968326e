import { describe, expect, it } from "vitest";
import { allCommands } from "../commands/index.ts";
import { personalDataParts } from "../src/compose-features.ts";
import { configSchema } from "../src/config/full-schema.ts";
import { allFeatures } from "../src/features.ts";

describe("the feature list (src/features.ts)", () => {
  it("declares, for every feature, its share of members' data and how it expires, or why it keeps none", () => {
    for (const { name, privacy } of allFeatures) {
      if ("noPersonalData" in privacy) {
        expect(privacy.noPersonalData.trim(), `${name}: why it keeps no personal data`).not.toBe("");
        continue;
      }
      const { part, keptBecause } = privacy;
      // Either the retention purge deletes what expired, or the feature says why nothing does.
      expect(part.purge !== undefined || (keptBecause ?? "").trim() !== "", `${name}: a purge, or why its data is kept`).toBe(true);
      expect(part.purge !== undefined && keptBecause !== undefined, `${name}: a purge and a reason to keep`).toBe(false);
    }
  });

  it("gives every part a key of its own, and Minou's own bookkeeping last", () => {
    const keys = personalDataParts(allFeatures).map((part) => part.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(["agenda", "polls", "trainings", "documents", "onboarding", "announcements", "account"]);
  });

  it("places each feature's own config section under its key in the schema", () => {
    const sections = allFeatures.flatMap((feature) => (feature.configSection === undefined ? [] : [feature.configSection]));
    expect(sections.map((section) => section.key)).toEqual(["agenda", "documents", "onboarding", "announcements"]);
    for (const { key, schema } of sections) expect(configSchema.shape[key], key).toBe(schema);
  });

  it("names features once, and gives each command to one feature", () => {
    const names = allFeatures.map((feature) => feature.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(allCommands).size).toBe(allCommands.length);
    expect(allCommands).toEqual(allFeatures.flatMap((feature) => feature.commands));
  });
});
