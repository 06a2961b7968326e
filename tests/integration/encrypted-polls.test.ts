import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { downloadEncryptedFile, ENCRYPTED_ROOM, plainBody as body, react, reactEncrypted } from "../support/encrypted.ts";
import { Member } from "../support/member.ts";
import { startPoll, vote } from "../support/poll-votes.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

/** Monday 30 November 2026, 10:00 in Paris. */
const NOW = Date.UTC(2026, 10, 30, 9, 0);

describe("native polls and date polls in a room Element encrypted", () => {
  let scenario: Scenario;
  let minou: Minou;
  let camille: Member;
  let dominique: Member;
  let sacha: Member;
  let roomId: string;
  // A clock anchored on NOW that still moves, as debounced edits need time to pass.
  let anchor = NOW;
  const started = Date.now();
  const now = (): number => anchor + (Date.now() - started);

  async function ask(member: Member, command: string): Promise<string> {
    const eventId = await member.say(roomId, command);
    const reply = await member.waitForReply(roomId, eventId, scenario.bot.userId, 15_000);
    expect(reply.isEncrypted()).toBe(true);
    return body(reply);
  }

  const fromMinou = (type: string): MatrixEvent[] => camille.timeline(roomId).filter((event) => event.getSender() === scenario.bot.userId && event.getType() === type);
  const shown = (eventId: string): string => camille.shownText(roomId, eventId).replace(/[\u00a0\u202f]/g, " ");
  const wireType = (eventId: string): string | undefined => scenario.homeserver.roomEvents(roomId).find((event) => event.event_id === eventId)?.type;

  beforeAll(async () => {
    scenario = await createScenario({ editDebounceSeconds: 1 });
    ({ minou } = await startMinou(scenario, now));
    camille = await Member.connect(scenario.homeserver, "camille", { encryption: true });
    dominique = await Member.connect(scenario.homeserver, "dominique", { encryption: true });
    sacha = await Member.connect(scenario.homeserver, "sacha", { encryption: true });
    // Dominique made Minou a moderator: it may close the members' own polls.
    roomId = await roomWithMinou(scenario, dominique, {
      name: "Bureau",
      invite: [camille.userId, sacha.userId],
      initial_state: ENCRYPTED_ROOM,
      power_level_content_override: { users: { [dominique.userId]: 100, [scenario.bot.userId]: 50 } },
    });
    await camille.join(roomId);
    await sacha.join(roomId);
  });

  afterAll(async () => {
    for (const member of [camille, dominique, sacha]) member.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("sends an encrypted native poll, counts encrypted votes, and closes it at its deadline with a readable end", async () => {
    expect(await ask(camille, '!sondage "Quand se réunir ?" Lundi | Mardi | Mercredi jusqu\'à demain 18h')).toMatch(/^Sondage n°1 lancé\. Clôture : /);
    const start = await waitFor(() => fromMinou("org.matrix.msc3381.poll.start")[0], "the poll start, decrypted");
    expect(start.isEncrypted()).toBe(true);
    expect(start.getContent()["org.matrix.msc3381.poll.start"]).toMatchObject({ max_selections: 1, answers: [{ id: "a1" }, { id: "a2" }, { id: "a3" }] });
    const startId = start.getId() ?? "";
    await waitFor(() => minou.stores.polls.polls.byNumber(roomId, 1)?.startEventId === startId || undefined, "the start recorded");

    const votes = [await vote(camille, roomId, startId, ["a1"]), await vote(camille, roomId, startId, ["a2"]), await vote(dominique, roomId, startId, ["a2"])];
    // matrix-js-sdk encrypts poll responses, as Element does.
    expect(votes.map(wireType)).toEqual(["m.room.encrypted", "m.room.encrypted", "m.room.encrypted"]);
    await waitFor(() => minou.stores.polls.votes.responses(1).length >= 3 || undefined, "the decrypted responses");
    expect(await ask(sacha, "!sondage résultats 1")).toContain("Mardi : 2 voix (camille et dominique)");

    // A vote cast while Minou was away is found again through /relations, decrypted.
    const deadline = minou.stores.polls.polls.byNumber(roomId, 1)?.deadline ?? 0;
    await minou.stop();
    await vote(sacha, roomId, startId, ["a3"]);
    anchor = deadline + 60_000 - (Date.now() - started);
    ({ minou } = await startMinou(scenario, now));
    await minou.tick();
    await minou.tick();
    const end = await waitFor(() => fromMinou("org.matrix.msc3381.poll.end")[0], "the poll end, decrypted");
    expect(end.isEncrypted()).toBe(true);
    expect(end.getContent()["m.relates_to"]).toEqual({ rel_type: "m.reference", event_id: startId });
    expect(String(end.getContent()["org.matrix.msc1767.text"])).toBe("Sondage clos. Réponse en tête : Mardi (2 voix sur 3).");
    // matrix-js-sdk reads the encrypted end as the poll's end, as Element shows it.
    await waitFor(() => camille.room(roomId).polls.get(startId)?.isEnded || undefined, "the poll ended in camille's client");
    await quietPeriod(500);
    expect(fromMinou("org.matrix.msc3381.poll.end")).toHaveLength(1);
    anchor = NOW;
  });

  it("closes a member's own encrypted Element poll at a deadline given in an encrypted reply", async () => {
    const memberPoll = await startPoll(sacha, roomId, "Pique-nique ?", ["Oui", "Non"]);
    expect(wireType(memberPoll)).toBe("m.room.encrypted");
    const poll = await waitFor(() => minou.stores.polls.polls.byStartEvent(memberPoll), "the member's poll, decrypted by Minou");
    const command = await sacha.say(roomId, "!sondage échéance demain 12h", { "m.relates_to": { "m.in_reply_to": { event_id: memberPoll } } });
    expect(body(await sacha.waitForReply(roomId, command, scenario.bot.userId, 15_000))).toMatch(/^C'est noté : je clorai le sondage « Pique-nique \? »/);
    await vote(camille, roomId, memberPoll, [poll.options[0]?.answerId ?? ""]);
    await waitFor(() => minou.stores.polls.votes.responses(poll.id).length === 1 || undefined, "the encrypted vote");
    anchor = NOW + 2 * 86_400_000;
    await minou.tick();
    const end = await waitFor(() => fromMinou("org.matrix.msc3381.poll.end").find((event) => (event.getContent()["m.relates_to"] as { event_id: string }).event_id === memberPoll), "the member poll's end, decrypted");
    expect(String(end.getContent()["org.matrix.msc1767.text"])).toBe("Sondage clos. Réponse en tête : Oui (1 voix sur 1).");
    await waitFor(() => camille.room(roomId).polls.get(memberPoll)?.isEnded || undefined, "the poll ended in camille's client");
    anchor = NOW;
  });

  it("runs a date poll: slots, reactions (clear and encrypted) and one-line votes, a live table, then an agenda event", async () => {
    const summary = await ask(camille, '!sondage dates "Réunion de rentrée" mardi 18h | jeudi 18h30 | samedi 10h jusqu\'à vendredi');
    expect(summary).toMatch(/^📊 Réunion de rentrée — sondage de dates n°3/);
    const poll = await waitFor(() => {
      const candidate = minou.stores.polls.polls.byNumber(roomId, 3);
      return candidate?.summaryEventId !== null && candidate?.options.every((option) => option.messageEventId !== null) ? candidate : undefined;
    }, "the slot messages");
    const slots = poll.options.map((option) => option.messageEventId ?? "");
    const second = await waitFor(() => camille.timeline(roomId).find((event) => event.getId() === slots[1]), "the second slot, decrypted");
    expect(second.isEncrypted()).toBe(true);
    expect(body(second)).toContain("créneau 2 : jeu. 3 déc., 18:30–19:30");

    await react(camille, roomId, slots[1] ?? "", "❓️");
    await reactEncrypted(dominique, roomId, slots[1] ?? "", "✅");
    await reactEncrypted(sacha, roomId, slots[0] ?? "", "✅");
    expect(await ask(sacha, "!sondage voter 3 non oui non")).toMatch(/^C'est noté pour « Réunion de rentrée » : 1 ❌ · 2 ✅ · 3 ❌/);
    const summaryId = poll.summaryEventId ?? "";
    await waitFor(() => shown(summaryId).includes("2. jeu. 3 déc., 18:30–19:30 ⭐ | 2 | 1 | 0") || undefined, "the live table, decrypted", 15_000);
    for (const voter of ["✅ dominique", "✅ sacha", "❓ camille"]) expect(shown(summaryId)).toContain(voter);

    const announcement = await ask(camille, "!sondage choisir 3 2");
    expect(announcement).toMatch(/📅 Réunion de rentrée \(n°1\)\njeudi 3 décembre 2026, 18:30–19:30 \(heure de Paris\)/);
    expect(announcement).toContain("✅ 2 · ❓ 1 · ❌ 0");
    const event = minou.stores.agenda.events.byNumber(roomId, 1);
    expect(minou.stores.agenda.answers.answers(event?.id ?? 0).map((answer) => `${answer.userId}=${answer.answer}`).sort()).toEqual([`${camille.userId}=maybe`, `${dominique.userId}=yes`, `${sacha.userId}=yes`]);
    await waitFor(() => shown(summaryId).includes("✅ Clos : le créneau 2, jeudi 3 décembre de 18:30 à 19:30, est retenu et ajouté à l'agenda.") || undefined, "the closed table");
  });

  it("exports the date poll as an encrypted CSV file the member downloads and decrypts", async () => {
    await ask(camille, "!sondage export 3");
    const file = await waitFor(() => camille.timeline(roomId).find((event) => event.getContent()["msgtype"] === "m.file"), "the CSV file, decrypted");
    expect(file.isEncrypted()).toBe(true);
    expect(file.getContent()).toMatchObject({ body: "sondage-3.csv", info: { mimetype: "text/csv" } });
    const bytes = await downloadEncryptedFile(scenario.homeserver, file.getContent());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString("utf8");
    expect(csv.split("\r\n")[0]).toBe('Nom,Identifiant Matrix,"1. mar. 1 déc., 18:00–19:00","2. jeu. 3 déc., 18:30–19:30","3. sam. 5 déc., 10:00–11:00"');
    expect(csv).toContain(`sacha,'${sacha.userId},non,oui,non`);
    expect(csv).toContain(`dominique,'${dominique.userId},,oui,`);
  });
});
