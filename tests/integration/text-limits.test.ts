// Issue 13, "Nothing lost, nothing stuck": long texts and cuts, through the homeserver, which
// refuses an event over 65536 bytes (413 M_TOO_LARGE) as Synapse does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { SHORTENED_NOTE } from "../../src/matrix/event-size.ts";
import { ENCRYPTED_ROOM } from "../support/encrypted.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";

describe("Minou with long texts (real SDKs over HTTP)", () => {
  let scenario: Scenario;
  let minou: Minou;
  let camille: Member;
  let dominique: Member;
  let eve: Member;
  let roomId: string;

  beforeAll(async () => {
    scenario = await createScenario();
    ({ minou } = await startMinou(scenario));
    camille = await Member.connect(scenario.homeserver, "camille");
    dominique = await Member.connect(scenario.homeserver, "dominique");
    roomId = await roomWithMinou(scenario, dominique, { invite: [camille.userId], power_level_content_override: { users: { [`@dominique:${scenario.homeserver.serverName}`]: 100 } } });
    await camille.join(roomId);
    eve = await Member.connect(scenario.homeserver, "eve", { encryption: true });
  });

  afterAll(async () => {
    camille.stop();
    dominique.stop();
    eve.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  const bodyOf = async (member: Member, command: string): Promise<string> => {
    const reply = await member.waitForReply(roomId, command, scenario.bot.userId);
    return String(reply.getContent()["body"]);
  };

  it("answers a 60,000-character unknown command with a short reply that arrives", async () => {
    // As long as a message can be (a 70,000-character one is refused to the member already).
    const command = await camille.say(roomId, `!${"miaou".repeat(12_000)}`);
    const body = await bodyOf(camille, command);
    expect(body).toMatch(/^Je ne connais pas la commande !(miaou){15}miao…\. Tapez !aide/u);
    expect(body.length).toBeLessThan(300);
  });

  it("stores and confirms an association name of 199 letters and an emoji, whole", async () => {
    const name = `${"a".repeat(199)}🐈`;
    const body = await bodyOf(dominique, await dominique.say(roomId, `!asso nom ${name}`));
    expect(body).toBe(`C'est noté : l'association s'appelle « ${name} ».`);
    expect(minou.stores.rooms.get(roomId)?.associationName).toBe(name);
  });

  it("refuses a number too big to be read exactly, quoting it as typed", async () => {
    const body = await bodyOf(camille, await camille.say(roomId, "!agenda voir 99999999999999999999"));
    expect(body).toBe("99999999999999999999 n'est pas une valeur possible pour n°. Utilisation : !agenda voir <n°>");
  });

  /** 200 frequent questions of 300 characters: their list is about 140 KB, body and HTML. */
  const manyQuestions = (room: string): void => {
    for (let number = 1; number <= 200; number += 1) {
      minou.stores.onboarding.faq.add(room, `Question ${number} : ${"où trouver le pad de l'atelier 🐈 ? ".repeat(8)}`, "Dans les documents.", dominique.userId, Date.now());
    }
  };

  const expectShortened = (content: Record<string, unknown>): void => {
    expect(String(content["body"])).toMatch(/^Questions fréquentes\n\n• n°1 · Question 1 : où trouver/u);
    expect(String(content["body"]).endsWith(SHORTENED_NOTE)).toBe(true);
    expect(content["formatted_body"]).toBeUndefined();
    expect(content["msgtype"]).toBe("m.notice");
  };

  it("shortens a reply too big for Matrix, saying so, rather than lose it", async () => {
    manyQuestions(roomId);
    expectShortened((await camille.waitForReply(roomId, await camille.say(roomId, "!faq"), scenario.bot.userId)).getContent());
  });

  it("leaves room enough for encryption: the shortened reply arrives encrypted too", async () => {
    const encrypted = await roomWithMinou(scenario, eve, { initial_state: ENCRYPTED_ROOM });
    manyQuestions(encrypted);
    const reply = await eve.waitForReply(encrypted, await eve.say(encrypted, "!faq"), scenario.bot.userId, 20_000);
    expect(reply.isEncrypted()).toBe(true);
    expectShortened(reply.getContent());
  });
});
