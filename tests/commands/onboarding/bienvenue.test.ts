import { describe, expect, it } from "vitest";
import { bienvenueDefinir } from "../../../commands/onboarding/bienvenue.ts";
import { welcomeTextSetting } from "../../../src/onboarding/settings.ts";
import { renderMessage } from "../../../src/render/render-message.ts";
import { commandContext } from "../../support/command-context.ts";

// Intl separates thousands with a narrow no-break space in French.
const bodyOf = (result: ReturnType<typeof bienvenueDefinir.execute>): string => renderMessage(result.text).body.replace(/[\u00a0\u202f]/gu, " ");

describe("!bienvenue définir / !welcome set", () => {
  it("takes a text of 4,000 characters, emoji counting as one each", () => {
    const context = commandContext({ level: "moderator" });
    const text = `${"Bienvenue 🌻 ".repeat(333)}🌻🌻🌻🌻`;
    expect(text.length).toBeGreaterThan(4_000);
    expect(bienvenueDefinir.execute(context, { text }).kind).toBe("reply");
    expect(context.stores.roomSettings.get(context.room.roomId, welcomeTextSetting)).toBe(text);
  });

  it("refuses a longer one, giving the limit and its length, and keeps the welcome there was", () => {
    const context = commandContext({ level: "moderator" });
    bienvenueDefinir.execute(context, { text: "Présentez-vous !" });
    const result = bienvenueDefinir.execute(context, { text: "🌻".repeat(4_321) });
    expect(result.kind).toBe("refusal");
    expect(bodyOf(result)).toBe("Ce message d'accueil est trop long : 4 321 caractères, pour 4 000 au plus. Raccourcissez-le et renvoyez-le ; le message d'accueil actuel ne change pas.");
    expect(context.stores.roomSettings.get(context.room.roomId, welcomeTextSetting)).toBe("Présentez-vous !");
    const english = bienvenueDefinir.execute(commandContext({ level: "moderator", language: "en" }), { text: "x".repeat(4_001) });
    expect(bodyOf(english)).toBe("This welcome message is too long: 4,001 characters, for at most 4,000. Shorten it and send it again; the current welcome message stays as it is.");
  });
});
