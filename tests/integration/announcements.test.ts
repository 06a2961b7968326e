import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientEvent } from "../homeserver/index.ts";
import type { Minou } from "../../src/minou.ts";
import { Member } from "../support/member.ts";
import { createScenario, startMinou, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

const DAY = 86_400_000;

describe("staff announcements through the real bot (matrix-js-sdk members)", () => {
  let scenario: Scenario;
  let minou: Minou;
  let equipe: Member;
  let camille: Member;
  let staffRoom: string;
  let chorale: string;
  let ados: string;
  let jardins: string;
  let clockOffset = 0;
  const body = (event: MatrixEvent): string => String(event.getContent()["body"]);

  async function ask(member: Member, command: string, room = staffRoom): Promise<MatrixEvent> {
    const eventId = await member.say(room, command);
    return member.waitForReply(room, eventId, scenario.bot.userId);
  }

  /** Minou's announcements in a room, as the homeserver has them. */
  const announcementsIn = (roomId: string): ClientEvent[] =>
    scenario.homeserver.roomEvents(roomId).filter((event) => event.sender === scenario.bot.userId && (event.content["fr.chatons.minou"] as { staff_announcement?: number } | undefined)?.staff_announcement !== undefined);

  /** The staff room's progress line as Element shows it (its latest edit). */
  function progressLine(id: number): string | undefined {
    const events = equipe.timeline(staffRoom).filter((event) => event.getSender() === scenario.bot.userId);
    const original = events.find((event) => (event.getContent()["fr.chatons.minou"] as { staff_announcement_progress?: number } | undefined)?.staff_announcement_progress === id);
    if (original === undefined) return undefined;
    const edits = events.filter((event) => (event.getContent()["m.relates_to"] as { rel_type?: string; event_id?: string } | undefined)?.event_id === original.getId());
    const latest = edits.at(-1);
    return latest === undefined ? body(original) : String((latest.getContent()["m.new_content"] as { body: string }).body);
  }

  const reportOf = (id: number): MatrixEvent | undefined =>
    equipe.timeline(staffRoom).find((event) => (event.getContent()["fr.chatons.minou"] as { staff_announcement_report?: number } | undefined)?.staff_announcement_report === id);

  beforeAll(async () => {
    const base = await createScenario({ editDebounceSeconds: 1, announcements: { messagesPerSecond: 50 } });
    const bot = base.bot.userId;
    equipe = await Member.connect(base.homeserver, "equipe");
    camille = await Member.connect(base.homeserver, "camille");
    // Rooms exist before Minou starts: it accepts the invites it finds on its first sync.
    staffRoom = await equipe.createRoom({ name: "Équipe du centre", invite: [bot, camille.userId] });
    await camille.join(staffRoom);
    // Camille runs the choir's room and made Minou a moderator there, which lets it pin.
    chorale = await camille.createRoom({ name: "Chorale des Tilleuls", invite: [bot, equipe.userId], power_level_content_override: { users: { [camille.userId]: 100, [bot]: 50 } } });
    ados = await camille.createRoom({ name: "Club ados", invite: [bot] });
    jardins = await camille.createRoom({ name: "Jardins partagés", invite: [bot] });
    await equipe.join(chorale);
    scenario = { ...base, config: { ...base.config, staffRoom } };
    ({ minou } = await startMinou(scenario, () => Date.now() + clockOffset));
    for (const roomId of [staffRoom, chorale, ados, jardins]) {
      await waitFor(() => minou.stores.rooms.get(roomId)?.membership === "join", `Minou in ${roomId}`);
    }
    minou.stores.rooms.setTags(chorale, ["culture"]);
    minou.stores.rooms.setTags(ados, ["jeunesse"]);
  });

  afterAll(async () => {
    equipe.stop();
    camille.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("previews, sends nothing, then on confirmation sends one m.text per association room (it notifies) and reports", async () => {
    const preview = await ask(equipe, "!annonce Le **forum des associations** a lieu samedi à 10h.");
    expect(body(preview)).toContain("Aperçu de l'annonce");
    expect(body(preview)).toContain("Salons visés (3) : Chorale des Tilleuls, Club ados, Jardins partagés");
    expect(preview.getContent()["m.mentions"]).toEqual({});
    await quietPeriod(300);
    expect([chorale, ados, jardins].map((roomId) => announcementsIn(roomId).length)).toEqual([0, 0, 0]);

    const progress = await ask(equipe, "!annonce confirmer");
    const id = (progress.getContent()["fr.chatons.minou"] as { staff_announcement_progress: number }).staff_announcement_progress;
    expect(body(progress)).toBe(`📣 Annonce n°${id} — envoi : 0/3 salons`);
    await waitFor(() => reportOf(id), "the report");
    for (const roomId of [chorale, ados, jardins]) {
      const [announcement, ...more] = announcementsIn(roomId);
      expect(more).toEqual([]);
      expect(announcement?.content).toMatchObject({ msgtype: "m.text", body: "Le forum des associations a lieu samedi à 10h.", "m.mentions": {} });
      expect(String(announcement?.content["formatted_body"])).toContain("<strong>forum des associations</strong>");
    }
    expect(announcementsIn(staffRoom)).toEqual([]);
    expect(body(reportOf(id) as MatrixEvent)).toContain("Reçue dans 3 salons sur 3.");
    await waitFor(() => progressLine(id)?.includes("envoi terminé : 3/3 salons"), "the progress line edited");
  });

  it("sends to the tagged rooms only, pins where Minou may, and pings the room only with @room", async () => {
    const preview = await ask(equipe, "!annonce #culture #jeunesse épingler @room Concert des jeunes vendredi 20h");
    // Minou is a moderator in the choir's room only: elsewhere its @room pings nobody (notifications.room is 50).
    expect(body(preview)).toContain("🔔 Notifie tous les membres de chaque salon (@room). ⚠️ Sauf dans 1 salon, où je n'ai pas le droit « Notifier tout le monde » (niveau 50 par défaut) et où @room ne notifiera personne : Club ados.");
    const progress = await ask(equipe, "!annonce confirmer");
    const id = (progress.getContent()["fr.chatons.minou"] as { staff_announcement_progress: number }).staff_announcement_progress;
    const report = await waitFor(() => reportOf(id), "the report");
    const latest = (roomId: string): ClientEvent | undefined => announcementsIn(roomId).at(-1);
    // "@room" both in m.mentions and in the body: Synapse 1.67 reads only the body.
    expect(latest(chorale)?.content).toMatchObject({ msgtype: "m.text", body: "@room\n\nConcert des jeunes vendredi 20h", "m.mentions": { room: true } });
    expect(latest(ados)?.content["body"]).toBe("@room\n\nConcert des jeunes vendredi 20h");
    expect(announcementsIn(jardins)).toHaveLength(1);
    expect(scenario.homeserver.stateContent(chorale, "m.room.pinned_events")?.["pinned"]).toEqual([latest(chorale)?.event_id]);
    expect(scenario.homeserver.stateContent(ados, "m.room.pinned_events")).toBeUndefined();
    expect(body(report)).toContain("Épinglée dans 1 salon. Pas épinglée dans 1 salon, faute du droit d'épingler : Club ados.");
  });

  it("refuses non-staff members, and staff outside the staff room, with a clear message", async () => {
    expect(body(await ask(camille, "!annonce Bonjour"))).toBe("Désolé, !annonce est réservée à l'équipe du centre et aux administrateurs. Si vous en avez besoin, adressez-vous à l'équipe du centre.");
    expect(body(await ask(equipe, "!annonce Bonjour", chorale))).toContain("depuis le salon de l'équipe du centre");
    expect(body(await ask(equipe, "!annonce confirmer"))).toContain("pas d'annonce en attente de confirmation");
    expect(body(await ask(equipe, "!annonce #inconnue Bonjour"))).toContain("Aucun salon ne porte l'étiquette #inconnue");
  });

  it("lists scheduled announcements, cancels one, and sends the other when its time comes", async () => {
    await ask(equipe, "!annonce #jeunesse programmer demain 9h -- Sortie vélo : rendez-vous devant le centre.");
    const scheduled = body(await ask(equipe, "!annonce confirmer"));
    const kept = Number(/n°(\d+)/u.exec(scheduled)?.[1]);
    expect(scheduled).toContain("programmée pour le");
    await ask(equipe, "!annonce programmer demain 10h -- À annuler");
    const cancelled = Number(/n°(\d+)/u.exec(body(await ask(equipe, "!annonce confirmer")))?.[1]);

    const list = body(await ask(equipe, "!annonces"));
    expect(list).toContain(`n°${kept} ·`);
    expect(list).toContain(`n°${cancelled} ·`);
    expect(body(await ask(equipe, `!annonce annuler ${cancelled}`))).toBe(`L'annonce n°${cancelled} est annulée : elle ne partira pas.`);
    expect(body(await ask(equipe, "!annonces"))).not.toContain(`n°${cancelled} ·`);

    await minou.tick();
    expect(announcementsIn(ados).map((event) => event.content["body"])).not.toContain("Sortie vélo : rendez-vous devant le centre.");
    const sendAt = minou.stores.staffAnnouncements.announcements.get(kept)?.sendAt ?? 0;
    clockOffset = sendAt - Date.now() + 60_000;
    await minou.tick();
    await waitFor(() => reportOf(kept), "the scheduled announcement's report");
    expect(announcementsIn(ados).at(-1)?.content["body"]).toBe("Sortie vélo : rendez-vous devant le centre.");
    expect(announcementsIn(chorale).map((event) => event.content["body"])).not.toContain("Sortie vélo : rendez-vous devant le centre.");
    expect([jardins, chorale, ados].flatMap(announcementsIn).map((event) => event.content["body"])).not.toContain("À annuler");
    clockOffset += DAY;
    await minou.tick();
    expect(minou.stores.staffAnnouncements.announcements.get(cancelled)?.status).toBe("cancelled");
  });
});
