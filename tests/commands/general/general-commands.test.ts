import { describe, expect, it } from "vitest";
import { aide } from "../../../commands/general/aide.ts";
import { langue } from "../../../commands/general/langue.ts";
import { minou } from "../../../commands/general/minou.ts";
import { renderMessage } from "../../../src/render/render-message.ts";
import { commandContext } from "../../support/command-context.ts";

// Intl separates numbers from units with a no-break space, as French typography wants.
const bodyOf = (result: ReturnType<typeof aide.execute>): string => renderMessage(result.text).body.replace(/[\u00a0\u202f]/g, " ");

describe("!aide / !help", () => {
  it("gives the overview without an argument, and a command's detail with one", () => {
    const context = commandContext();
    expect(bodyOf(aide.execute(context, { command: undefined }))).toContain("Voici ce que je sais faire");
    const detail = aide.execute(context, { command: "minou" });
    expect(detail.kind).toBe("reply");
    expect(bodyOf(detail)).toContain("!minou — qui est Minou");
  });

  it("suggests a near name and refuses gently for an unknown one", () => {
    const result = aide.execute(commandContext(), { command: "langeu" });
    expect(result.kind).toBe("refusal");
    expect(bodyOf(result)).toContain("Vouliez-vous dire !langue");
  });
});

describe("!minou / !about", () => {
  it("gives version, uptime, the privacy statement, the licence and where the source is", () => {
    const body = bodyOf(minou.execute(commandContext(), {}));
    expect(body).toContain("Minou 1.2.3");
    expect(body).toContain("Centre social Les Tilleuls");
    expect(body).toContain("En service depuis 2 jours et 3 heures");
    expect(body).toContain("aucun service extérieur");
    expect(body).toContain("AGPL-3.0-or-later");
    expect(body).toContain("https://forge.tilleuls.fr/minou");
  });

  it("speaks English in an English room", () => {
    const body = bodyOf(minou.execute(commandContext({ language: "en" }), {}));
    expect(body).toContain("Running for 2 days and 3 hours");
    expect(body).toContain("no outside service");
  });
});

describe("!langue / !language", () => {
  it("stores the room's language and confirms in the new language", () => {
    const context = commandContext({ level: "moderator" });
    const result = langue.execute(context, { language: "en" });
    expect(bodyOf(result)).toBe("Noted: I will speak English in this room.");
    expect(context.stores.rooms.get(context.room.roomId)?.language).toBe("en");
    expect(bodyOf(langue.execute(context, { language: "fr" }))).toContain("je parlerai français");
    expect(context.stores.rooms.get(context.room.roomId)?.language).toBe("fr");
  });
});
