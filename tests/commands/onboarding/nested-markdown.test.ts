import { describe, expect, it } from "vitest";
import { bienvenueApercu, bienvenueDefinir } from "../../../commands/onboarding/bienvenue.ts";
import { faq } from "../../../commands/onboarding/faq.ts";
import { faqAjouter, faqAjouterCentre } from "../../../commands/onboarding/faq-ajouter.ts";
import type { CommandResult } from "../../../src/dispatch/command.ts";
import { welcomeTextSetting } from "../../../src/onboarding/settings.ts";
import { renderMessage } from "../../../src/render/render-message.ts";
import { commandContext } from "../../support/command-context.ts";

const bodyOf = (result: CommandResult): string => renderMessage(result.text).body.replace(/[\u00a0\u202f]/gu, " ");

// What silenced Minou: a few hundred nested list items, or block quotes under 4,000 characters.
const NESTED_LIST = `${"- ".repeat(300)}Dans les documents`;
const NESTED_QUOTES = `${">".repeat(3_400)} Bienvenue`;
const ELEVEN_QUOTES = `${"> ".repeat(11)}Bienvenue`;

describe("Markdown nested too deeply, refused when a moderator stores it", () => {
  it("!faq ajouter and !faq ajouter-centre refuse it, saying how deep and what the limit is, and add nothing", () => {
    const context = commandContext({ level: "moderator" });
    const result = faqAjouter.execute(context, { text: `"Où est le pad ?" ${NESTED_LIST}` });
    expect(result.kind).toBe("refusal");
    expect(bodyOf(result)).toBe(
      "Ce texte imbrique trop de niveaux les uns dans les autres : 300 niveaux de citations (>), de listes (-, *, 1.) ou de mises en forme (**, _), pour 10 au plus. Simplifiez-le, puis renvoyez-le. La question n'a pas été ajoutée.",
    );
    const centre = faqAjouterCentre.execute(commandContext({ level: "staff", language: "en", stores: context.stores }), { text: `"Opening hours?" ${ELEVEN_QUOTES}` });
    expect(bodyOf(centre)).toBe(
      "This text nests too many levels inside one another: 11 levels of quotes (>), lists (-, *, 1.) or formatting (**, _), for 10 at most. Simplify it, then send it again. The question was not added.",
    );
    expect(context.stores.onboarding.faq.visibleIn(context.room.roomId)).toEqual([]);
  });

  it("takes Markdown nested up to the limit", () => {
    const context = commandContext({ level: "moderator" });
    // Ten levels: four block quotes, five list items, one strong emphasis.
    const answer = `${"> ".repeat(4)}${"- ".repeat(5)}Dans les **documents**`;
    expect(faqAjouter.execute(context, { text: `"Où est le pad ?" ${answer}` }).kind).toBe("reply");
    expect(context.stores.onboarding.faq.visibleIn(context.room.roomId).map((entry) => entry.answer)).toEqual([answer]);
  });

  it("!bienvenue définir refuses it and keeps the welcome there was", () => {
    const context = commandContext({ level: "moderator" });
    bienvenueDefinir.execute(context, { text: "Présentez-vous !" });
    const result = bienvenueDefinir.execute(context, { text: NESTED_QUOTES });
    expect(result.kind).toBe("refusal");
    expect(bodyOf(result)).toMatch(/^Ce texte imbrique trop de niveaux les uns dans les autres : 3 400 niveaux .* pour 10 au plus\. Simplifiez-le, puis renvoyez-le\. Le message d'accueil actuel ne change pas\.$/u);
    expect(context.stores.roomSettings.get(context.room.roomId, welcomeTextSetting)).toBe("Présentez-vous !");
  });
});

describe("Markdown nested too deeply, stored before it was refused", () => {
  it("!bienvenue aperçu shows the default welcome newcomers get instead, and says how to fix it", () => {
    const context = commandContext({ level: "moderator" });
    context.stores.roomSettings.set(context.room.roomId, welcomeTextSetting, NESTED_QUOTES);
    const body = bodyOf(bienvenueApercu.execute(context, {}));
    expect(body).toMatch(/^⚠️ Le texte d'accueil du salon imbrique trop de niveaux pour être affiché : les nouveaux reçoivent le message par défaut ci-dessous\. Redéfinissez-le avec !bienvenue définir\./u);
    expect(body).toContain("Je suis Minou, l'assistant du centre social");
    expect(body).not.toContain(">>>");
  });

  it("!faq shows such an answer as typed, the other answers still as Markdown", () => {
    const context = commandContext();
    context.stores.onboarding.faq.add(context.room.roomId, "Où est le pad ?", NESTED_LIST, "@modo:minou.test", 0);
    context.stores.onboarding.faq.add(context.room.roomId, "Où sont les outils ?", "Dans la **cabane**", "@modo:minou.test", 0);
    const result = faq.execute(context, { words: "ou" });
    const rendered = renderMessage(result.text);
    expect(rendered.body).toContain(`n°1 · Où est le pad ?\n${NESTED_LIST}`);
    expect(rendered.formattedBody).toContain("<strong>cabane</strong>");
    expect(rendered.formattedBody).not.toContain("<li>");
  });
});
