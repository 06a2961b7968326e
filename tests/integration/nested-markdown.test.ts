import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawMember } from "../../bench/support/raw-member.ts";
import { welcomeTextSetting } from "../../src/onboarding/settings.ts";
import type { Minou } from "../../src/minou.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { waitFor } from "../support/wait.ts";

// Block quotes under 4,000 characters, and a few hundred list items: what used to overflow marked's
// stack, leaving the command unanswered and the welcome job failing for every room on every run.
const DEEP_QUOTES = `${">".repeat(3_400)} Présentez-vous !`;
const DEEP_LIST = `${"- ".repeat(300)}Dans les documents`;

describe("Markdown nested too deeply, through the real bot", () => {
  let scenario: Scenario;
  let minou: Minou;
  let dominique: Member;
  let roomId: string;

  async function ask(command: string): Promise<string> {
    const eventId = await dominique.say(roomId, command);
    return String((await dominique.waitForReply(roomId, eventId, scenario.bot.userId)).getContent()["body"]);
  }

  async function newcomer(localpart: string): Promise<string> {
    const account = await scenario.homeserver.registerUser(localpart);
    await dominique.client.invite(roomId, account.userId);
    await new RawMember(scenario.homeserver.url, account.userId, account.accessToken).request("POST", `/rooms/${encodeURIComponent(roomId)}/join`, {});
    return account.userId;
  }

  const welcomeOf = (userId: string) => () =>
    scenario.homeserver
      .roomEvents(roomId)
      .find((event) => event.sender === scenario.bot.userId && String(event.content["body"]).startsWith("👋") && ((event.content["m.mentions"] as { user_ids?: string[] }).user_ids ?? []).includes(userId));

  beforeAll(async () => {
    scenario = await createScenario({ onboarding: { welcomeDelaySeconds: 1 } });
    ({ minou } = await startMinou(scenario));
    dominique = await Member.connect(scenario.homeserver, "dominique");
    roomId = await roomWithMinou(scenario, dominique, { name: "Les Jardins partagés" });
  });

  afterAll(async () => {
    dominique.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("refuses a moderator's deeply nested welcome with a clear message, and still welcomes newcomers", async () => {
    expect(await ask("!bienvenue définir Ici on cultive **ensemble**.")).toMatch(/^C'est noté/u);
    const refusal = await ask(`!bienvenue définir ${DEEP_QUOTES}`);
    expect(refusal).toMatch(/^Ce texte imbrique trop de niveaux les uns dans les autres : 3\s400 niveaux de citations \(>\), de listes \(-, \*, 1\.\) ou de mises en forme \(\*\*, _\), pour 10 au plus\./u);
    expect(refusal).toMatch(/Simplifiez-le, puis renvoyez-le\. Le message d'accueil actuel ne change pas\.$/u);
    expect(await ask(`!faq ajouter "Où est le pad ?" ${DEEP_LIST}`)).toMatch(/^Ce texte imbrique trop de niveaux .* 300 niveaux .* La question n'a pas été ajoutée\.$/u);

    const camille = await newcomer("camille");
    const welcome = await waitFor(welcomeOf(camille), "Camille's welcome");
    expect(String(welcome.content["body"])).toBe("👋 Bienvenue camille !\n\nIci on cultive ensemble.");
  });

  it("welcomes with the default text where a welcome stored before the limit nests too deeply, and answers the preview", async () => {
    // As a database from before the fix holds it.
    minou.stores.roomSettings.set(roomId, welcomeTextSetting, DEEP_QUOTES);
    const sacha = await newcomer("sacha");
    const welcome = await waitFor(welcomeOf(sacha), "Sacha's welcome");
    expect(String(welcome.content["body"])).toMatch(/^👋 Bienvenue sacha !\n\nVous êtes dans le salon Les Jardins partagés\. Je suis Minou/u);
    expect(await ask("!bienvenue aperçu")).toMatch(/^⚠️ Le texte d'accueil du salon imbrique trop de niveaux pour être affiché/u);
  });
});
