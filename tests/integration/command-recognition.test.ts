import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { ENCRYPTED_ROOM } from "../support/encrypted.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

/** An edit as Element sends it (spec: "Event replacements"). */
async function edit(member: Member, roomId: string, original: string, body: string): Promise<string> {
  const { event_id: eventId } = await member.client.sendEvent(roomId, "m.room.message" as never, {
    msgtype: "m.text",
    body: `* ${body}`,
    "m.new_content": { msgtype: "m.text", body, "m.mentions": {} },
    "m.relates_to": { rel_type: "m.replace", event_id: original },
    "m.mentions": {},
  } as never);
  return eventId;
}

describe("what Minou takes as a command (real SDKs over HTTP)", () => {
  let scenario: Scenario;
  let minou: Minou;
  let camille: Member;
  let roomId: string;
  const body = (event: { getContent(): Record<string, unknown> }): string => String(event.getContent()["body"]).replace(/[\u00a0\u202f]/g, " ");
  const replies = (eventId: string) => camille.repliesTo(roomId, eventId, scenario.bot.userId);

  /** Sends `!minou` and waits for its answer: Minou has handled everything sent before it. */
  async function caughtUp(): Promise<void> {
    const probe = await camille.say(roomId, "!minou");
    await camille.waitForReply(roomId, probe, scenario.bot.userId, 15_000);
  }

  async function restart(between: () => Promise<void>): Promise<void> {
    await minou.stop();
    await between();
    ({ minou } = await startMinou(scenario));
  }

  beforeAll(async () => {
    scenario = await createScenario();
    ({ minou } = await startMinou(scenario));
    camille = await Member.connect(scenario.homeserver, "camille");
    roomId = await roomWithMinou(scenario, camille);
  });

  afterAll(async () => {
    camille.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("runs a command corrected with Element's edit once, as a reply to it, and never again, restarts included", async () => {
    const typo = await camille.say(roomId, "!agnda ajouter jeudi prochain 18h30 Réunion du bureau");
    expect(body(await camille.waitForReply(roomId, typo, scenario.bot.userId))).toMatch(/^Je ne connais pas la commande !agnda\. Vouliez-vous dire !agenda/);
    await edit(camille, roomId, typo, "!agenda ajouter jeudi prochain 18h30 Réunion du bureau");
    const announcement = await waitFor(() => replies(typo)[1], "the corrected command's answer");
    expect(body(announcement)).toMatch(/Réunion du bureau \(n°1\)/);
    expect(minou.stores.agenda.events.inRoom(roomId)).toHaveLength(1);

    // Carried out: a further edit is not run, and Minou says so, once.
    await edit(camille, roomId, typo, "!agenda ajouter jeudi prochain 19h Réunion du bureau");
    expect(body(await waitFor(() => replies(typo)[2], "the explanation"))).toMatch(/^J'ai déjà fait ce que demandait cette commande : la modifier ne la refait pas/);
    await restart(async () => {
      await edit(camille, roomId, typo, "!agenda ajouter jeudi prochain 20h Réunion du bureau");
    });
    await edit(camille, roomId, typo, "!agenda ajouter jeudi prochain 21h Réunion du bureau");
    await caughtUp();
    await quietPeriod(500);
    expect(replies(typo)).toHaveLength(3);
    expect(minou.stores.agenda.events.inRoom(roomId)).toHaveLength(1);
  });

  it("never re-runs a command that worked the first time when it is edited", async () => {
    const command = await camille.say(roomId, "!agenda ajouter vendredi prochain 20h Pique-nique");
    await camille.waitForReply(roomId, command, scenario.bot.userId);
    await edit(camille, roomId, command, "!agenda ajouter vendredi prochain 20h Pique-nique au parc");
    expect(body(await waitFor(() => replies(command)[1], "the explanation"))).toMatch(/^J'ai déjà fait/);
    expect(minou.stores.agenda.events.inRoom(roomId).map((event) => event.title)).toEqual(["Réunion du bureau", "Pique-nique"]);
  });

  it("reads a command behind an invisible mark or a space, and with one inside its word", async () => {
    for (const typed of ["\u200B!aide", "\uFEFF!aide", "\u2060\u00A0!aide", "  !aide", "!ai\u200Bde", "!ai\u200Dde"]) {
      const command = await camille.say(roomId, typed);
      expect(body(await camille.waitForReply(roomId, command, scenario.bot.userId)), JSON.stringify(typed)).toContain("Voici ce que je sais faire");
    }
  });

  it("answers 'Minou :', 'Minou,' and a mention pill, not a sentence that starts with Minou", async () => {
    const chat = await camille.say(roomId, "Minou est super");
    const colon = await camille.say(roomId, "Minou : aide");
    const comma = await camille.say(roomId, "minou, aide");
    // Element's pill: the display name in the body, a link in formatted_body, the ID in m.mentions.
    const pill = await camille.say(roomId, "minou: aide", {
      format: "org.matrix.custom.html",
      formatted_body: `<a href="https://matrix.to/#/${scenario.bot.userId}">minou</a>: aide`,
      "m.mentions": { user_ids: [scenario.bot.userId] },
    });
    for (const command of [colon, comma, pill]) expect(body(await camille.waitForReply(roomId, command, scenario.bot.userId))).toContain("Voici ce que je sais faire");
    await caughtUp();
    expect(replies(chat)).toHaveLength(0);
  });

  // The test homeserver, like Synapse, serves the command already redacted in that sync: Minou
  // must keep it as handled ("redacted"), never queue it.
  it("does not answer a command deleted before Minou saw it (one sync holds both)", async () => {
    let deleted = "";
    await restart(async () => {
      deleted = await camille.say(roomId, "!minou");
      await camille.client.redactEvent(roomId, deleted);
    });
    await caughtUp();
    await quietPeriod(300);
    expect(replies(deleted)).toHaveLength(0);
    expect(minou.stores.inbound.outcomeOf(deleted)).toBe("redacted");
  });
});

describe("in an encrypted room", () => {
  let scenario: Scenario;
  let minou: Minou;
  let camille: Member;

  beforeAll(async () => {
    scenario = await createScenario();
    ({ minou } = await startMinou(scenario));
    camille = await Member.connect(scenario.homeserver, "camille", { encryption: true });
  });

  afterAll(async () => {
    camille.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("runs a command corrected with an (encrypted) edit", async () => {
    const roomId = await roomWithMinou(scenario, camille, { initial_state: ENCRYPTED_ROOM });
    const typo = await camille.say(roomId, "!mnou");
    await camille.waitForReply(roomId, typo, scenario.bot.userId, 15_000);
    await edit(camille, roomId, typo, "!minou");
    const answer = await waitFor(() => camille.repliesTo(roomId, typo, scenario.bot.userId)[1], "the corrected command's answer", 15_000);
    expect(String(answer.getContent()["body"])).toMatch(/^Minou /);
  }, 60_000);

  it("does not answer a command deleted while it waits for its room key, once the key comes", async () => {
    const roomId = await roomWithMinou(scenario, camille, { initial_state: ENCRYPTED_ROOM });
    scenario.homeserver.holdToDevice(scenario.bot.userId);
    const deleted = await camille.say(roomId, "!minou");
    await waitFor(() => minou.stores.inbound.awaitingKey().length === 1 || undefined, "the command to wait for its key");
    const { event_id: redaction } = await camille.client.redactEvent(roomId, deleted);
    await waitFor(() => minou.stores.inbound.isKnown(redaction) || undefined, "the redaction in Minou's inbox");
    scenario.homeserver.releaseToDevice(scenario.bot.userId);
    const probe = await camille.say(roomId, "!minou");
    await camille.waitForReply(roomId, probe, scenario.bot.userId, 15_000);
    await quietPeriod(500);
    expect(camille.repliesTo(roomId, deleted, scenario.bot.userId)).toHaveLength(0);
  }, 60_000);
});
