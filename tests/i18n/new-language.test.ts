import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateConfig } from "../../src/config/load.ts";
import { Catalog, useCatalog } from "../../src/i18n/catalog.ts";
import { dispatching, MODERATOR, textMessage } from "../support/dispatching.ts";

const locales = new URL("../../locales/", import.meta.url);

/**
 * What the README tells a translator: copy locales/fr/ to locales/<code>/, translate, add the code
 * to locales/languages.json. Done here in a scratch copy, with no code change, for Occitan.
 */
function withOccitan(): Catalog {
  const directory = mkdtempSync(join(tmpdir(), "minou-locales-"));
  cpSync(new URL("fr/", locales), join(directory, "fr"), { recursive: true });
  cpSync(new URL("en/", locales), join(directory, "en"), { recursive: true });
  cpSync(new URL("fr/", locales), join(directory, "oc"), { recursive: true });
  const general = join(directory, "oc", "general.json");
  const texts = JSON.parse(readFileSync(general, "utf8")) as Record<string, string>;
  writeFileSync(general, JSON.stringify({ ...texts, "general.langue.done": "D'acòrdi : parlarai occitan dins aquesta sala." }, null, 2));
  const languages = JSON.parse(readFileSync(new URL("languages.json", locales), "utf8")) as unknown[];
  writeFileSync(join(directory, "languages.json"), JSON.stringify([...languages, { code: "oc", name: "occitan", locale: "oc-FR" }]));
  return Catalog.load(pathToFileURL(`${directory}/`));
}

describe("a language added as the README says, without code", () => {
  let original: Catalog;
  beforeAll(() => {
    original = useCatalog(withOccitan());
  });
  afterAll(() => {
    useCatalog(original);
  });

  it("has a folder of every area file, as French has", () => {
    expect(readdirSync(new URL("fr/", locales)).length).toBeGreaterThan(5);
  });

  it("is offered by !langue, chosen by a moderator, and speaks in the room", async () => {
    const { handle, stores } = dispatching();
    const [choices] = await handle(textMessage(MODERATOR, "!langue"));
    expect(choices?.body).toContain("oc");
    const [done] = await handle(textMessage(MODERATOR, "!langue oc"));
    expect(done?.body).toBe("D'acòrdi : parlarai occitan dins aquesta sala.");
    expect(stores.rooms.get("!asso:x")?.language).toBe("oc");
    // Texts not translated yet read as in the French catalog it was copied from.
    const [help] = await handle(textMessage(MODERATOR, "!aide"));
    expect(help?.body).toContain("Agenda");
    // Dates are read with the French grammar until someone writes an Occitan one.
    const [added] = await handle(textMessage(MODERATOR, "!agenda ajouter jeudi 18h Talhièr"));
    expect(added?.body).toContain("Talhièr");
  });

  it("may be the centre's default language in config.json", () => {
    const config = validateConfig({ homeserverUrl: "https://matrix.exemple.fr", userId: "@minou:exemple.fr", allowedServers: ["exemple.fr"], defaultLanguage: "oc" });
    expect(config.defaultLanguage).toBe("oc");
  });
});
