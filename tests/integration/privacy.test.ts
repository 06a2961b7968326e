import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { downloadAttachment } from "../support/attachment.ts";
import { Member } from "../support/member.ts";
import { vote } from "../support/poll-votes.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

const DAY = 86_400_000;

describe("members' control of their data, through the real bot", () => {
  let scenario: Scenario;
  let minou: Minou;
  let dominique: Member;
  let camille: Member;
  let sacha: Member;
  let equipe: Member;
  let roomId: string;
  // The homeserver stamps events with the real clock: Minou's stays on it, moved only to jump ahead.
  let clockOffset = 0;
  const now = (): number => Date.now() + clockOffset;
  const text = (value: unknown): string => String(value).replace(/[\u00a0\u202f]/g, " ");
  const body = (event: MatrixEvent): string => text(event.getContent()["body"]);
  const ids = { announcement: "", summary: "", poll: 0, confirm: "" };

  async function ask(member: Member, command: string): Promise<string> {
    const eventId = await member.say(roomId, command);
    return body(await member.waitForReply(roomId, eventId, scenario.bot.userId));
  }

  /** What Element shows for a message Minou keeps editing. */
  function shown(eventId: string): string {
    const edits = camille.timeline(roomId).filter((event) => {
      const relation = event.getContent()["m.relates_to"] as { rel_type?: string; event_id?: string } | undefined;
      return relation?.rel_type === "m.replace" && relation.event_id === eventId;
    });
    const latest = edits.at(-1);
    if (latest === undefined) return body(camille.timeline(roomId).find((event) => event.getId() === eventId) as MatrixEvent);
    return text((latest.getContent()["m.new_content"] as { body: string }).body);
  }

  /** What Minou wrote to a member in private, oldest first. */
  function directEvents(member: Member): { type: string; content: Record<string, unknown> }[] {
    // Encrypted, as every DM Minou opens: read through the member's own client.
    return member.messagesFrom(minou.stores.directRooms.roomOf(member.userId), scenario.bot.userId).map((event) => ({ type: event.getType(), content: event.getContent() }));
  }

  async function react(member: Member, target: string, key: string): Promise<void> {
    await member.client.sendEvent(roomId, "m.reaction" as never, { "m.relates_to": { rel_type: "m.annotation", event_id: target, key } } as never);
  }

  beforeAll(async () => {
    scenario = await createScenario({ editDebounceSeconds: 1, retention: { closedPollsDays: 60 } });
    ({ minou } = await startMinou(scenario, now));
    dominique = await Member.connect(scenario.homeserver, "dominique", { encryption: true, acceptInvitesFrom: scenario.bot.userId });
    camille = await Member.connect(scenario.homeserver, "camille", { encryption: true, acceptInvitesFrom: scenario.bot.userId });
    sacha = await Member.connect(scenario.homeserver, "sacha", { encryption: true, acceptInvitesFrom: scenario.bot.userId });
    equipe = await Member.connect(scenario.homeserver, "equipe", { encryption: true, acceptInvitesFrom: scenario.bot.userId });
    roomId = await roomWithMinou(scenario, dominique, { invite: [camille.userId, sacha.userId, equipe.userId] });
    for (const member of [camille, sacha, equipe]) await member.join(roomId);
  });

  afterAll(async () => {
    for (const member of [dominique, camille, sacha, equipe]) member.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("sends everything Minou keeps about a member as a JSON file in their private room, and nothing in the room", async () => {
    // An event both answer ✅, a date poll and an Element poll both vote in, a training seat, a document.
    await ask(dominique, "!agenda ajouter après-demain 18h Fête des voisins");
    ids.announcement = await waitFor(() => minou.stores.agenda.events.announcementOf(minou.stores.agenda.events.byNumber(roomId, 1)?.id ?? 0), "the announcement");
    await react(camille, ids.announcement, "✅");
    await react(sacha, ids.announcement, "✅");
    await waitFor(() => shown(ids.announcement).includes("✅ 2 · ❓ 0 · ❌ 0") || undefined, "two answers on the announcement");
    await ask(dominique, '!sondage dates "Réunion du bureau" demain 18h | après-demain 18h');
    ids.summary = await waitFor(() => minou.stores.polls.polls.byNumber(roomId, 1)?.summaryEventId ?? undefined, "the date poll's table");
    expect(await ask(camille, "!sondage voter 1 oui non")).toMatch(/^C'est noté/);
    expect(await ask(sacha, "!sondage voter 1 oui oui")).toMatch(/^C'est noté/);
    await waitFor(() => shown(ids.summary).includes("✅ camille") || undefined, "camille in the table");
    await ask(dominique, '!sondage "Quel menu ?" Crêpes | Galettes jusqu\'à demain 12h');
    const startId = await waitFor(() => minou.stores.polls.polls.byNumber(roomId, 2)?.startEventId ?? undefined, "the Element poll");
    ids.poll = minou.stores.polls.polls.byNumber(roomId, 2)?.id ?? 0;
    await vote(camille, roomId, startId, ["a1"]);
    await vote(sacha, roomId, startId, ["a2"]);
    await waitFor(() => minou.stores.polls.votes.responses(ids.poll).length === 2 || undefined, "both Element votes");
    await ask(equipe, '!formation créer "Atelier vélo" après-demain 14h-16h places:1');
    expect(await ask(camille, "!formation inscrire 1")).toMatch(/votre place à « Atelier vélo » est réservée/);
    expect(await ask(sacha, "!formation inscrire 1")).toMatch(/n°1 sur la liste d'attente/);
    await ask(camille, "!docs ajouter Budget 2026 https://cloud.exemple.fr/s/Ab12 #compta");

    const answer = await ask(camille, "!mes-données");
    expect(answer).toBe("Je vous envoie en message privé un fichier avec tout ce que je garde sur vous. Pour effacer ces données : !mes-données effacer.");
    const file = await waitFor(() => directEvents(camille).find((event) => event.content["msgtype"] === "m.file"), "the file in camille's private room");
    expect(file.content).toMatchObject({ body: expect.stringMatching(/^mes-donnees-minou-\d{4}-\d\d-\d\d\.json$/), info: { mimetype: "application/json" } });
    expect(file.content["url"]).toBeUndefined();
    const raw = (await downloadAttachment(scenario.homeserver.url, file.content)).toString("utf8");
    expect(raw).toContain('\n  "member": "@camille:minou.test",');
    const data = JSON.parse(raw) as Record<string, Record<string, Record<string, unknown>[]>>;
    expect(data["agenda"]?.["answers"]).toEqual([expect.objectContaining({ title: "Fête des voisins", answer: "yes", via: "reaction", room: { id: roomId, name: "Les Jardins partagés" } })]);
    expect(data["polls"]?.["votes"]?.map((entry) => `${String(entry["question"])} ${String(entry["choice"]).slice(0, 2)}${String(entry["answer"])}`)).toEqual(["Réunion du bureau 1.yes", "Réunion du bureau 2.no"]);
    expect(data["polls"]?.["elementPollResponses"]).toEqual([expect.objectContaining({ question: "Quel menu ?", answers: ["Crêpes"], open: true })]);
    expect(data["trainings"]?.["signUps"]).toEqual([expect.objectContaining({ session: 1, title: "Atelier vélo", status: "registered" })]);
    expect(data["documents"]?.["added"]).toEqual([expect.objectContaining({ title: "Budget 2026", url: "https://cloud.exemple.fr/s/Ab12", tags: ["compta"] })]);
    expect(data["account"]).toMatchObject({ member: camille.userId, previousErasure: null });
    expect(Object.keys(data["readMe"] ?? {})).toEqual(["agenda", "polls", "trainings", "documents", "onboarding", "announcements", "account"]);
    expect(data["onboarding"]).toMatchObject({ starterGuideSentAt: expect.stringMatching(/^\d{4}-/), faqEntriesWritten: [] });
    // Only the notice went to the room: no title, no vote, no file.
    expect(camille.timeline(roomId).filter((event) => event.getContent()["msgtype"] === "m.file")).toEqual([]);
  });

  it("explains what is kept, why and how long, with the configured retention, as !vie-privée or !privacy", async () => {
    const privacy = await ask(sacha, "!vie-privée");
    for (const part of ["Agenda —", "Sondages —", "Formations —", "Documents —", "Accueil —", "Fonctionnement —", "60 jours après sa clôture", "365 jours après sa dernière date", "!mes-données effacer"]) expect(privacy).toContain(part);
    expect(await ask(sacha, "!privacy")).toBe(privacy);
  });

  it("refuses bad input and shows what an erasure would do, changing nothing", async () => {
    expect(await ask(camille, "!mes-données effacer tout")).toContain("!mes-données effacer");
    const preview = await ask(camille, "!mes-données effacer");
    expect(preview).toMatch(/^Voici ce que j'effacerai, sans retour possible :/);
    for (const line of ["1 réponse ✅ ❓ ❌ à un événement", "2 sondages où vous avez voté", "1 inscription à venir, annulée", "1 document ajouté par vous", "tapez !mes-données effacer confirmer"]) expect(preview).toContain(line);
    expect(minou.stores.agenda.answers.counts(minou.stores.agenda.events.byNumber(roomId, 1)?.id ?? 0).yes).toBe(2);
    expect(minou.stores.trainings.registrations.of(1, camille.userId)?.status).toBe("registered");
    expect(minou.stores.privacy.erasedMembers.erasedAt(camille.userId)).toBeUndefined();
  });

  it("erases on confirmation, once, and every feature follows: counts, tables, seats, authorship, recounts", async () => {
    ids.confirm = await camille.say(roomId, "!mes-données effacer confirmer");
    expect(body(await camille.waitForReply(roomId, ids.confirm, scenario.bot.userId))).toMatch(/^C'est fait, vos données sont effacées :/);
    await waitFor(() => shown(ids.announcement).includes("✅ 1 · ❓ 0 · ❌ 0") || undefined, "the announcement's count to drop");
    await waitFor(() => !shown(ids.summary).includes("✅ camille") || undefined, "camille gone from the date poll's table");
    expect(shown(ids.summary)).toContain("✅ sacha");
    await waitFor(() => directEvents(sacha).some((event) => /^Bonne nouvelle : une place s'est libérée .*« Atelier vélo »/.test(text(event.content["body"]))) || undefined, "sacha's seat, by DM");
    expect(minou.stores.trainings.registrations.of(1, sacha.userId)?.status).toBe("registered");
    expect(await ask(dominique, "!docs")).toMatch(/Budget 2026.* · ajouté par un membre le/);
    expect(await ask(camille, "!mes-données effacer")).toBe("Je ne garde rien sur vous : il n'y a rien à effacer.");
    await quietPeriod(500);
    expect(camille.repliesTo(roomId, ids.confirm, scenario.bot.userId)).toHaveLength(1);

    // The Element poll closes at its deadline after a recount: camille's vote is still in Matrix, but no longer counted.
    clockOffset = 2 * DAY;
    // A tick the scheduler's own timer started with the old clock may be running: the second one is ours.
    await minou.tick();
    await minou.tick();
    const end = await waitFor(() => camille.timeline(roomId).find((event) => event.getType() === "org.matrix.msc3381.poll.end"), "the poll's end");
    expect(text(end.getContent()["org.matrix.msc1767.text"])).toBe("Sondage clos. Réponse en tête : Galettes (1 voix sur 1).");
    expect(minou.stores.polls.votes.responses(ids.poll).map((response) => response.sender)).toEqual([sacha.userId]);
  });

  it("purges, once a day, what outlived its retention period, feeds still answering", async () => {
    const token = minou.stores.agenda.feedTokens.tokenFor(roomId, now());
    const feedBefore = await (await fetch(`http://127.0.0.1:${minou.httpPort}/feeds/${token}.ics`)).text();
    expect(feedBefore).toContain("SUMMARY:Fête des voisins");
    clockOffset = 400 * DAY;
    await minou.tick();
    await minou.tick();
    expect(minou.stores.agenda.events.byNumber(roomId, 1)).toBeUndefined();
    expect(minou.stores.polls.polls.byNumber(roomId, 2)).toBeUndefined();
    expect(minou.stores.polls.polls.byNumber(roomId, 1)).toBeDefined();
    expect(minou.stores.trainings.trainings.session(1)).toBeUndefined();
    expect(minou.stores.documents.documents.inRoom(roomId)).toHaveLength(1);
    const feed = await fetch(`http://127.0.0.1:${minou.httpPort}/feeds/${token}.ics`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).not.toContain("Fête des voisins");
    expect((await fetch(`http://127.0.0.1:${minou.httpPort}/feeds/public.ics`)).status).toBe(200);
    // A new event never takes the number of a purged one.
    expect(await ask(dominique, "!agenda ajouter demain 18h Galette des rois")).toMatch(/Galette des rois \(n°2\)/);
    // Handled messages and sent replies keep their ids only: no member's words linger.
    const db = minou.stores.db;
    expect(db.prepare("SELECT count(*) FROM inbound_events WHERE handled_at IS NOT NULL AND event <> '{}'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL AND (content <> '{}' OR attachment IS NOT NULL)").pluck().get()).toBe(0);
  });
});
