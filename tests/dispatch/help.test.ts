import { describe, expect, it } from "vitest";
import { allCommands } from "../../commands/index.ts";
import { allows, permissionLevels } from "../../src/dispatch/command.ts";
import { findGroup, helpDetail, helpGroup, helpOverview, usageOf } from "../../src/dispatch/help.ts";
import { CommandRegistry } from "../../src/dispatch/registry.ts";
import { readFileSync } from "node:fs";
import { renderMessage } from "../../src/render/render-message.ts";

const registry = new CommandRegistry(allCommands);

describe("help generated from the registry", () => {
  it("lists, for each level, exactly the commands that level may use", () => {
    for (const level of permissionLevels) {
      const text = helpOverview(registry, level, "fr", "!").source;
      for (const command of registry.commands) {
        const shown = text.includes(`\`!${command.id}\``);
        expect(shown, `${command.id} for ${level}`).toBe(allows(level, command.permission));
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
    expect(findGroup("Sondages", registry)).toBe("polls");
    expect(findGroup("polls", registry)).toBe("polls");
    expect(findGroup("AGENDA", registry)).toBe("agenda");
    expect(findGroup("inconnu", registry)).toBeUndefined();
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

  it("says who may close a poll, give it a deadline or choose its slot as the commands decide, in the help and the README", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    for (const name of ["sondage clore", "sondage échéance", "sondage choisir"]) {
      const command = registry.commands.find((candidate) => candidate.id === name);
      expect(command?.texts.permissionDetail("fr"), name).toBeDefined();
      if (command === undefined) continue;
      const shown = (language: "fr" | "en"): string => renderMessage(helpDetail(command, "member", language, "!")).body;
      expect(shown("fr"), name).toContain("Qui peut l'utiliser : la personne qui a lancé le sondage, les modérateurs du salon et l'équipe du centre.");
      expect(shown("en"), name).toContain("Who may use it: whoever started the poll, the room's moderators and the centre's staff.");
      expect(shown("fr"), name).not.toContain("tous les membres");
      const row = readme.split("\n").find((line) => line.startsWith(`| \`!${name}`));
      expect(row, name).toMatch(/\| la personne qui a lancé le sondage, les modérateurs du salon et l'équipe du centre \/ whoever started the poll, the room's moderators and the centre's staff \|$/);
    }
  });
});
