import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { downloadEncryptedFile, ENCRYPTED_ROOM, plainBody as body, react, reactEncrypted } from "../support/encrypted.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { waitFor } from "../support/wait.ts";

/** Monday 30 November 2026, 10:00 in Paris. */
const NOW = Date.UTC(2026, 10, 30, 9, 0);

describe("anonymous votes, training offers and exports through encrypted rooms and DMs", () => {
  let scenario: Scenario;
  let minou: Minou;
  let equipe: Member;
  let camille: Member;
  let dominique: Member;
  let sacha: Member;
  let roomId: string;
  const started = Date.now();
  const now = (): number => NOW + (Date.now() - started);

  async function ask(member: Member, command: string, room = roomId): Promise<MatrixEvent> {
    const eventId = await member.say(room, command);
    const reply = await member.waitForReply(room, eventId, scenario.bot.userId, 15_000);
    expect(reply.isEncrypted()).toBe(true);
    return reply;
  }

  /** The room Minou opened with a member, once the member (accepting invites from Minou) has joined it. */
  const directRoom = (member: Member): Promise<string> =>
    waitFor(() => {
      const room = minou.stores.directRooms.roomOf(member.userId);
      return room !== undefined && member.client.getRoom(room)?.getMyMembership() === "join" ? room : undefined;
    }, `${member.userId} in their DM with Minou`, 15_000);

  beforeAll(async () => {
    scenario = await createScenario({ editDebounceSeconds: 1 });
    ({ minou } = await startMinou(scenario, now));
    const options = { encryption: true, acceptInvitesFrom: scenario.bot.userId };
    equipe = await Member.connect(scenario.homeserver, "equipe", options);
    camille = await Member.connect(scenario.homeserver, "camille", options);
    dominique = await Member.connect(scenario.homeserver, "dominique", options);
    sacha = await Member.connect(scenario.homeserver, "sacha", options);
    roomId = await roomWithMinou(scenario, equipe, { name: "Centre", invite: [camille.userId, dominique.userId, sacha.userId], initial_state: ENCRYPTED_ROOM });
    for (const member of [camille, dominique, sacha]) await member.join(roomId);
  });

  afterAll(async () => {
    for (const member of [equipe, camille, dominique, sacha]) member.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("takes an anonymous vote sent in an encrypted DM the member opened with Minou", async () => {
    const summary = body(await ask(dominique, '!sondage "Nouveau local ?" Rue Hoche | Place du marché anonyme'));
    const code = /sondage voter ([A-Z2-9]{6}) 1/.exec(summary)?.[1] ?? "";
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    // As Element X opens a DM: flagged direct, trusted private chat, encrypted from its first event.
    const direct = await camille.createRoom({ is_direct: true, preset: "trusted_private_chat" as never, invite: [scenario.bot.userId], initial_state: ENCRYPTED_ROOM });
    await waitFor(() => scenario.homeserver.stateContent(direct, "m.room.member", scenario.bot.userId)?.["membership"] === "join", "Minou in camille's DM");
    const command = await camille.say(direct, `!sondage voter ${code} 2`);
    expect(scenario.homeserver.roomEvents(direct).find((event) => event.event_id === command)?.type).toBe("m.room.encrypted");
    const answer = await camille.waitForReply(direct, command, scenario.bot.userId, 15_000);
    expect(answer.isEncrypted()).toBe(true);
    expect(body(answer)).toMatch(/^C'est noté pour « Nouveau local \? » : réponse 2/);
    const summaryId = minou.stores.polls.polls.byNumber(roomId, 1)?.summaryEventId ?? "";
    await waitFor(() => /Place du marché : 1 voix/.test(sacha.shownText(roomId, summaryId)) || undefined, "the anonymous totals, read in the room");
    expect(sacha.shownText(roomId, summaryId)).not.toContain(camille.userId);
  });

  it("signs up by ✅ in an encrypted room, offers a freed seat by encrypted DM, and takes the answer there", async () => {
    const created = body(await ask(equipe, '!formation créer "Initiation Nextcloud" jeudi 3 décembre 14h-16h places:1 lieu:"Salle 2" confirmation:48h'));
    expect(created).toMatch(/^🎓 n°1 · Initiation Nextcloud — jeu\. 3 déc\., 14:00–16:00 \(heure de Paris\) — 📍 Salle 2 — 1 place restante sur 1/);
    const announcementId = await waitFor(() => minou.stores.trainings.trainings.session(1)?.announcementEventId ?? undefined, "the announcement recorded");
    const seat = await react(camille, roomId, announcementId, "✅");
    await waitFor(() => minou.stores.trainings.registrations.of(1, camille.userId)?.status === "registered" || undefined, "camille's sign-up by reaction");
    await reactEncrypted(sacha, roomId, announcementId, "✅");
    await waitFor(() => minou.stores.trainings.registrations.of(1, sacha.userId)?.status === "waiting" || undefined, "sacha waiting, by an encrypted reaction");
    await waitFor(() => /complet/.test(dominique.shownText(roomId, announcementId)) || undefined, "the live announcement: full");

    await camille.client.redactEvent(roomId, seat);
    const dm = await directRoom(sacha);
    const offer = await waitFor(() => sacha.messagesFrom(dm, scenario.bot.userId).find((event) => body(event).startsWith("Bonne nouvelle")), "the offer, decrypted by sacha", 15_000);
    expect(offer.isEncrypted()).toBe(true);
    expect(body(offer)).toMatch(/une place s'est libérée pour « Initiation Nextcloud ».* !formation confirmer 1/);
    expect(body(await ask(sacha, "!formation confirmer 1", dm))).toMatch(/^Merci, c'est confirmé/);
    expect(minou.stores.trainings.registrations.of(1, sacha.userId)?.status).toBe("registered");
  });

  it("exports the roster as an encrypted CSV file in the encrypted room", async () => {
    await ask(equipe, "!formation export 1");
    const file = await waitFor(() => equipe.timeline(roomId).find((event) => event.getContent()["filename"] === "formation-1.csv"), "the CSV, decrypted", 15_000);
    expect(file.isEncrypted()).toBe(true);
    const csv = (await downloadEncryptedFile(scenario.homeserver, file.getContent())).subarray(3).toString("utf8");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("Nom,Identifiant Matrix,Statut,Date d'inscription,Position d'attente");
    expect(lines.slice(1).map((line) => line.split(",").slice(1, 3).join(","))).toEqual(["'@sacha:minou.test,inscrit", "'@camille:minou.test,désinscrit"]);
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(["sacha", "camille"]);
  });

  it("sends !mes-données as an encrypted JSON file in the member's encrypted DM", async () => {
    expect(body(await ask(sacha, "!mes-données"))).toMatch(/^Je vous envoie en message privé un fichier/);
    const dm = await directRoom(sacha);
    const file = await waitFor(() => sacha.messagesFrom(dm, scenario.bot.userId).find((event) => event.getContent()["msgtype"] === "m.file"), "the file, decrypted", 15_000);
    expect(file.isEncrypted()).toBe(true);
    expect(file.getContent()).toMatchObject({ body: expect.stringMatching(/^mes-donnees-minou-\d{4}-\d\d-\d\d\.json$/), info: { mimetype: "application/json" } });
    const data = JSON.parse((await downloadEncryptedFile(scenario.homeserver, file.getContent())).toString("utf8")) as Record<string, Record<string, unknown>>;
    expect(data["account"]).toMatchObject({ member: sacha.userId });
    expect(data["trainings"]?.["signUps"]).toEqual([expect.objectContaining({ session: 1, title: "Initiation Nextcloud", status: "registered" })]);
    // Only the notice went to the room.
    expect(sacha.timeline(roomId).filter((event) => event.getContent()["msgtype"] === "m.file" && event.getContent()["body"] !== "formation-1.csv")).toEqual([]);
  });
});
