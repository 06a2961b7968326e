import { describe, expect, it } from "vitest";
import { allCommands } from "../../commands/index.ts";
import { allows, permissionLevels } from "../../src/dispatch/command.ts";
import { helpDetail, helpOverview, usageOf } from "../../src/dispatch/help.ts";
import { CommandRegistry } from "../../src/dispatch/registry.ts";

const registry = new CommandRegistry(allCommands);

describe("help generated from the registry", () => {
  it("lists, for each level, exactly the commands that level may use", () => {
    for (const level of permissionLevels) {
      const text = helpOverview(registry, level, "fr", "!").source;
      for (const command of registry.commands) {
        const shown = text.includes(`\`!${command.names.fr[0]}\``);
        expect(shown, `${command.names.fr[0]} for ${level}`).toBe(allows(level, command.permission));
      }
    }
  });

  it("speaks the room's language, with that language's command names", () => {
    const english = helpOverview(registry, "moderator", "en", "!").source;
    expect(english).toContain("`!help`");
    expect(english).toContain("`!language`");
    expect(english).toContain("Here is what I can do");
    expect(helpOverview(registry, "moderator", "fr", "!").source).toContain("`!langue` — choisir la langue");
  });

  it("details a command: usage, other names, who may use it; refuses details of a forbidden one", () => {
    const langue = registry.find("langue");
    if (langue === undefined) throw new Error("langue missing");
    expect(usageOf(langue, "fr", "!")).toBe("!langue <fr|en>");
    const detail = helpDetail(langue, "moderator", "fr", "!").source;
    expect(detail).toContain("`!language`");
    expect(detail).toContain("modérateurs du salon");
    expect(helpDetail(langue, "member", "fr", "!").source).toMatch(/^Désolé/);
  });
});
