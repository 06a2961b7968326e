import { describe, expect, it } from "vitest";
import { allCommands } from "../../commands/index.ts";
import { allows, permissionLevels } from "../../src/dispatch/command.ts";
import { findGroup, helpDetail, helpGroup, helpOverview, usageOf } from "../../src/dispatch/help.ts";
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
    expect(helpOverview(registry, "moderator", "fr", "!").source).toMatch(/- \*\*Général\*\* : `!aide`, `!minou`, .*`!langue`/);
  });

  it("details a topic: its commands the asker may use, each with what it does", () => {
    expect(findGroup("Sondages", "fr")).toBe("polls");
    expect(findGroup("polls", "fr")).toBe("polls");
    expect(findGroup("AGENDA", "en")).toBe("agenda");
    expect(findGroup("inconnu", "fr")).toBeUndefined();
    const general = helpGroup(registry, "general", "member", "fr", "!").source;
    expect(general).toContain("`!minou` — qui est Minou");
    expect(general).not.toContain("`!langue`");
    expect(helpGroup(registry, "general", "moderator", "fr", "!").source).toContain("`!langue` — choisir la langue de Minou dans ce salon");
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
