import { describe, expect, it } from "vitest";
import { allCommands } from "../../commands/index.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { CommandRegistry } from "../../src/dispatch/registry.ts";
import { md } from "../../src/render/markdown.ts";

const registry = new CommandRegistry(allCommands);
const label = { fr: "x", en: "x" };
const stub = (fr: string[], en: string[]) =>
  defineCommand({ names: { fr, en }, group: "agenda", summary: label, args: [], permission: "member", execute: () => reply(md`ok`) });

describe("CommandRegistry", () => {
  it("finds commands by French or English name, ignoring accents and case", () => {
    expect(registry.match(["Aide"])?.command.id).toBe("aide");
    expect(registry.match(["HELP"])?.command.id).toBe("aide");
    expect(registry.match(["LÀNGUE", "en"])).toMatchObject({ wordCount: 1 });
    expect(registry.find("!about")?.id).toBe("minou");
    expect(registry.match(["inconnu"])).toBeUndefined();
  });

  it("prefers the longest multi-word name", () => {
    const list = stub(["agenda"], ["calendar"]);
    const add = stub(["agenda ajouter"], ["calendar add"]);
    const withSub = new CommandRegistry([list, add]);
    expect(withSub.match(["agenda", "ajouter", "jeudi"])).toEqual({ command: add, wordCount: 2 });
    expect(withSub.match(["Agénda", "semaine"])).toEqual({ command: list, wordCount: 1 });
    expect(withSub.suggest(["agenda", "ajoutr"], "fr", ["agenda"])).toBe("agenda ajouter");
  });

  it("suggests the closest known command for a typo", () => {
    expect(registry.suggest(["aidee"], "fr")).toBe("aide");
    expect(registry.suggest(["hlep"], "en")).toBe("help");
    expect(registry.suggest(["langeu"], "fr")).toBe("langue");
    expect(registry.suggest(["xyzzy"], "fr")).toBeUndefined();
  });

  it("refuses two commands with the same name", () => {
    expect(() => new CommandRegistry([stub(["aide"], []), stub(["Aïde"], [])])).toThrow(/Deux commandes/);
  });
});
