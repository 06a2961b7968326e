import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { Member } from "../support/member.ts";
import { startPoll, vote } from "../support/poll-votes.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

const HOUR = 3_600_000;

describe("native polls through the real bot (matrix-js-sdk members, as Element)", () => {
  let scenario: Scenario;
  let minou: Minou;
  let camille: Member;
  let dominique: Member;
  let sacha: Member;
  let roomId: string;
  let clockOffset = 0;
  const now = (): number => Date.now() + clockOffset;
  const body = (event: MatrixEvent): string => String(event.getContent()["body"]).replace(/[\u00a0\u202f]/g, " ");

  async function ask(member: Member, command: string, extra: Record<string, unknown> = {}): Promise<string> {
    const eventId = await member.say(roomId, command, extra);
    return body(await member.waitForReply(roomId, eventId, scenario.bot.userId));
  }

  const fromMinou = (type: string) => camille.timeline(roomId).filter((event) => event.getSender() === scenario.bot.userId && event.getType() === type);

  beforeAll(async () => {
    scenario = await createScenario({ editDebounceSeconds: 1 });
    ({ minou } = await startMinou(scenario, now));
    camille = await Member.connect(scenario.homeserver, "camille");
    dominique = await Member.connect(scenario.homeserver, "dominique");
    sacha = await Member.connect(scenario.homeserver, "sacha");
    roomId = await roomWithMinou(scenario, dominique, { invite: [camille.userId, sacha.userId] });
    await camille.join(roomId);
    await sacha.join(roomId);
  });

  afterAll(async () => {
    for (const member of [camille, dominique, sacha]) member.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("refuses bad polls with a clear message and creates nothing", async () => {
    expect(await ask(camille, '!sondage "Quand ?" Lundi')).toMatch(/au moins deux réponses/);
    expect(await ask(camille, `!sondage "Quand ?" ${Array.from({ length: 21 }, (_, i) => `R${i}`).join(" | ")}`)).toMatch(/au plus 20 réponses/);
    expect(await ask(camille, '!sondage "Quand ?" Lundi | | Mardi')).toMatch(/La réponse n°2 est vide/);
    expect(await ask(camille, '!sondage "Quand ?" Lundi | lundi')).toMatch(/« lundi » est proposée deux fois/);
    expect(await ask(camille, '!sondage "Quand ?" Lundi | Mardi jusqu\'à hier 18h')).toMatch(/déjà passée/);
    expect(await ask(camille, "!sondage Quand ? Lundi | Mardi")).toMatch(/Mettez la question entre guillemets/);
    expect(await ask(camille, "!sondage résultats 9")).toMatch(/Il n'y a pas de sondage n°9/);
    expect(minou.stores.polls.polls.latestOpen(roomId, "%")).toBeUndefined();
  });

  it("sends a native poll as Element does and tallies votes by MSC3381's rules", async () => {
    expect(await ask(camille, '!sondage "Quand se réunir ?" Lundi | Mardi | Mercredi jusqu\'à demain 18h')).toMatch(/^Sondage n°1 lancé\. Clôture : /);
    const start = await waitFor(() => fromMinou("org.matrix.msc3381.poll.start")[0], "the poll start");
    expect(start.getContent()["org.matrix.msc3381.poll.start"]).toMatchObject({
      kind: "org.matrix.msc3381.poll.disclosed",
      max_selections: 1,
      answers: [{ id: "a1", "org.matrix.msc1767.text": "Lundi" }, { id: "a2", "org.matrix.msc1767.text": "Mardi" }, { id: "a3", "org.matrix.msc1767.text": "Mercredi" }],
    });
    const startId = start.getId() ?? "";
    await waitFor(() => minou.stores.polls.polls.byNumber(roomId, 1)?.startEventId === startId, "the start recorded");
    await vote(camille, roomId, startId, ["a1"]);
    await vote(camille, roomId, startId, ["a2"]);
    await vote(dominique, roomId, startId, ["zzz"]);
    // The final stable shape, as newer clients will send it.
    await sacha.client.sendEvent(roomId, "m.poll.response" as never, { "m.relates_to": { rel_type: "m.reference", event_id: startId }, "m.selections": ["a1"] } as never);
    await waitFor(() => minou.stores.polls.votes.responses(1).length >= 4 || undefined, "the responses");
    const results = await ask(sacha, "!sondage résultats 1");
    expect(results).toContain("Lundi : 1 voix (sacha)");
    expect(results).toContain("Mardi : 1 voix (camille)");
    expect(results).toContain("Bulletins nuls : 1");
  });

  it("closes at the deadline exactly once, even across a restart, counting a vote cast while Minou was away", async () => {
    const poll = minou.stores.polls.polls.byNumber(roomId, 1);
    const startId = poll?.startEventId ?? "";
    await minou.stop();
    await vote(dominique, roomId, startId, ["a2"]);
    clockOffset = (poll?.deadline ?? 0) - Date.now() + 60_000;
    ({ minou } = await startMinou(scenario, now));
    await minou.tick();
    await minou.tick();
    const end = await waitFor(() => fromMinou("org.matrix.msc3381.poll.end")[0], "the poll end");
    expect(end.getContent()["m.relates_to"]).toEqual({ rel_type: "m.reference", event_id: startId });
    expect(String(end.getContent()["org.matrix.msc1767.text"])).toBe("Sondage clos. Réponse en tête : Mardi (2 voix sur 3).");
    await quietPeriod(500);
    expect(fromMinou("org.matrix.msc3381.poll.end")).toHaveLength(1);
    expect(await ask(camille, "!sondage clore 1")).toBe("Le sondage n°1 est déjà clos.");
    clockOffset = 0;
  });

  it("closes early on request, for its creator or a moderator only; hides results of an undisclosed poll until then", async () => {
    expect(await ask(camille, '!sondage "Menu ?" Crêpes | Galettes fermé')).toMatch(/^Sondage n°2 lancé : ses résultats ne seront visibles qu'à sa clôture\./);
    const start = await waitFor(() => fromMinou("org.matrix.msc3381.poll.start")[1], "the second poll");
    expect((start.getContent()["org.matrix.msc3381.poll.start"] as { kind: string }).kind).toBe("org.matrix.msc3381.poll.undisclosed");
    await waitFor(() => minou.stores.polls.polls.byNumber(roomId, 2)?.startEventId, "start recorded");
    await vote(sacha, roomId, start.getId() ?? "", ["a2"]);
    expect(await ask(sacha, "!sondage résultats 2")).toContain("ne seront visibles qu'à sa clôture");
    // The help says who may close it, in the same words as the refusal.
    expect(await ask(sacha, "!aide sondage clore")).toContain("Qui peut l'utiliser : la personne qui a lancé le sondage, les modérateurs du salon et l'équipe du centre.");
    expect(await ask(sacha, "!sondage clore 2")).toBe("Le sondage n°2 ne peut être clos que par la personne qui l'a lancé, un modérateur du salon ou l'équipe du centre. Si besoin, adressez-vous à l'un d'eux.");
    expect(await ask(camille, "!sondage clore 2")).toContain("Je clos le sondage n°2");
    const end = await waitFor(() => fromMinou("org.matrix.msc3381.poll.end")[1], "the second end");
    expect(String(end.getContent()["org.matrix.msc1767.text"])).toBe("Sondage clos. Réponse en tête : Galettes (1 voix sur 1).");
  });

  it("closes a member's own Element poll at a deadline given in reply, only if Minou may redact", async () => {
    const memberPoll = await startPoll(sacha, roomId, "Pique-nique ?", ["Oui", "Non"]);
    await waitFor(() => minou.stores.polls.polls.byStartEvent(memberPoll), "the member's poll seen");
    const inReply = { "m.relates_to": { "m.in_reply_to": { event_id: memberPoll } } };
    expect(await ask(sacha, "!sondage échéance demain 12h", inReply)).toMatch(/^Je ne peux pas clore ce sondage/);
    await dominique.client.setPowerLevel(roomId, scenario.bot.userId, 50);
    await waitFor(async () => (await ask(sacha, "!sondage échéance demain 12h", inReply)).startsWith("C'est noté : je clorai le sondage « Pique-nique ? »") || undefined, "the deadline accepted", 5_000);
    await vote(camille, roomId, memberPoll, [String((minou.stores.polls.polls.byStartEvent(memberPoll)?.options[0]?.answerId) ?? "")]);
    await waitFor(() => minou.stores.polls.votes.responses(minou.stores.polls.polls.byStartEvent(memberPoll)?.id ?? 0).length === 1 || undefined, "the vote");
    clockOffset = 2 * 24 * HOUR;
    await minou.tick();
    const end = await waitFor(() => fromMinou("org.matrix.msc3381.poll.end").find((event) => (event.getContent()["m.relates_to"] as { event_id: string }).event_id === memberPoll), "the member poll's end");
    expect(String(end.getContent()["org.matrix.msc1767.text"])).toBe("Sondage clos. Réponse en tête : Oui (1 voix sur 1).");
    clockOffset = 0;
  });
  it("at the deadline of a member's Element poll, without the power to end it any more, says what to do and leaves it open", async () => {
    const memberPoll = await startPoll(sacha, roomId, "Barbecue ?", ["Oui", "Non"]);
    const seen = await waitFor(() => minou.stores.polls.polls.byStartEvent(memberPoll), "the member's poll seen");
    const inReply = { "m.relates_to": { "m.in_reply_to": { event_id: memberPoll } } };
    expect(await ask(sacha, "!sondage échéance demain 12h", inReply)).toMatch(/^C'est noté : je clorai le sondage « Barbecue \? »/);
    await dominique.client.setPowerLevel(roomId, scenario.bot.userId, 0);
    await waitFor(() => minou.stores.rooms.get(roomId)?.missingPowers.includes("redact") || undefined, "Minou's demotion seen");
    clockOffset = 2 * 24 * HOUR;
    await minou.tick();
    const told = await waitFor(() => fromMinou("m.room.message").find((event) => body(event).includes("« Barbecue ? » est arrivée")), "the explanation");
    expect(body(told)).toMatch(/je ne peux plus le clore .* Le sondage reste ouvert\. Pour le clore : la personne qui l'a lancé choisit « Terminer le sondage » dans Element, ou .* tape !sondage clore \d+\.$/);
    // Nobody is watching at a deadline: it notifies the poll's author.
    expect(told.getContent()).toMatchObject({ msgtype: "m.text", "m.mentions": { user_ids: [sacha.userId] } });
    await minou.tick();
    await quietPeriod(500);
    expect(fromMinou("org.matrix.msc3381.poll.end").filter((event) => (event.getContent()["m.relates_to"] as { event_id: string }).event_id === memberPoll)).toEqual([]);
    expect(fromMinou("m.room.message").filter((event) => body(event).includes("« Barbecue ? » est arrivée"))).toHaveLength(1);
    expect(minou.stores.polls.polls.get(seen.id)).toMatchObject({ closedAt: null, deadline: null });
    expect(await ask(camille, `!sondage résultats ${seen.number}`)).not.toMatch(/clos/);
    // Asked to close it now, Minou refuses rather than send an end Element would ignore.
    expect(await ask(sacha, `!sondage clore ${seen.number}`)).toMatch(/^Je ne peux pas clore ce sondage : dans Matrix, seuls son auteur/);
    clockOffset = 0;
  });
});
