import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useCatalog, type Catalog } from "../../src/i18n/catalog.ts";
import { BOT, dispatching, MODERATOR, ROOM, textMessage } from "../support/dispatching.ts";
import { RecordingTransport } from "../support/recording-transport.ts";
import { MEMBER } from "./pseudo-cases.ts";
import { leftover, pseudoCatalog } from "./pseudo-locale.ts";



const STAFF = "@equipe:x";
const OTHER = "@sacha:x";
const LINK = "https://cloud.exemple.fr/s/budget";

interface Step {
  readonly line: string;
  readonly sender?: string;
  /** Shown although neither typed in this line nor in the catalog: earlier lines' words, dates, IDs. */
  readonly values?: readonly string[];
}

const SCENARIOS: Readonly<Record<string, readonly Step[]>> = {
  "documents of a room": [
    { line: `!docs ajouter Budget 2026 ${LINK} #compta` },
    { line: "!docs ajouter Statuts https://cloud.exemple.fr/s/statuts" },
    // Who added a document and when (Intl's "1 janv. 1970"); the titles and tags typed above.
    { line: "!docs", values: [MEMBER, "Budget", "Statuts", LINK, "https://cloud.exemple.fr/s/statuts", "#compta", "janv."] },
    { line: "!docs chercher budget", values: [MEMBER, "Budget", LINK, "#compta", "janv."] },
    { line: `!docs ajouter Encore ${LINK}`, values: ["Budget"] },
    { line: "!docs modifier 1 titre Budget 2027", values: [MEMBER, LINK, "#compta", "janv."] },
    { line: "!docs modifier 1 lien https://a.fr/x https://b.fr/y" },
    { line: "!docs retirer 2", sender: OTHER },
    { line: "!docs retirer 2", values: ["Statuts"] },
    { line: "!docs épingler" },
    { line: "!docs épingler" },
  ],
  // Minou without the power to pin: the hint after the first document, then how to grant it.
  "documents of a room where Minou may not pin": [
    { line: `!docs ajouter Budget 2026 ${LINK} #compta` },
    { line: "!docs épingler" },
  ],
  "association card": [
    { line: "!asso", values: ["heure de Paris"] },
    { line: "!asso nom Les Amis du Vélo", sender: MODERATOR },
    { line: "!asso contact velo@exemple.fr", sender: MODERATOR },
    { line: "!asso", values: ["Les Amis du Vélo", "velo@exemple.fr", "heure de Paris"] },
    { line: `!asso nom ${"Vélo ".repeat(50)}`, sender: MODERATOR },
    { line: "!asso tags culture jeunesse", sender: STAFF },
    { line: "!asso tags aucun", sender: STAFF },
    { line: "!asso tags cul/ture", sender: STAFF },
    { line: "!assos", sender: STAFF, values: ["Vélo", "!asso:x"] },
  ],
};

describe("pseudo-locale, documents and registry", () => {
  let original: Catalog;
  beforeAll(() => {
    original = useCatalog(pseudoCatalog());
  });
  afterAll(() => {
    useCatalog(original);
  });

  for (const [name, steps] of Object.entries(SCENARIOS)) {
    it(`${name}: says only catalog texts`, async () => {
      const transport = new RecordingTransport();
      if (name.includes("may not pin")) transport.powerLevels[ROOM] = { users: { [MODERATOR]: 50, [BOT]: 0 }, users_default: 0 };
      const { handle } = dispatching({ staff: [STAFF], transport });
      for (const { line, sender = MEMBER, values = [] } of steps) {
        const replies = await handle(textMessage(sender, line));
        expect(replies.length, line).toBeGreaterThan(0);
        for (const reply of replies) {
          expect(reply.body, line).toContain("⟦");
          expect(leftover(reply.body, [...line.split(/\s+/u), ...values]), `${line}: ${reply.body}`).toBe("");
        }
      }
    });
  }
});
