import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { Member } from "../support/member.ts";
import { createScenario, startMinou, type Scenario } from "../support/scenario.ts";
import { waitFor } from "../support/wait.ts";

const DAY = 86_400_000;

// Who is actually notified, as Synapse 1.67's push rules decide (the test homeserver evaluates
// them when an event is stored): a notice nobody, an m.text whoever it names.
describe("who Minou's messages notify (push rules of the test homeserver, as Synapse 1.67)", () => {
  let scenario: Scenario;
  let minou: Minou;
  let equipe: Member;
  let camille: Member;
  let sacha: Member;
  let staffRoom: string;
  let association: string;
  let quietRoom: string;
  let clockOffset = 0;
  const body = (event: MatrixEvent): string => String(event.getContent()["body"]);

  async function ask(member: Member, roomId: string, command: string): Promise<MatrixEvent> {
    const eventId = await member.say(roomId, command);
    return member.waitForReply(roomId, eventId, scenario.bot.userId);
  }

  /** Those the homeserver notified of the event, and those among them it highlighted (a mention). */
  function notified(eventId: string): { notified: string[]; highlighted: string[] } {
    const recipients = scenario.homeserver.notifiedBy(eventId);
    return { notified: recipients.map((recipient) => recipient.userId).sort(), highlighted: recipients.filter((recipient) => recipient.highlight).map((recipient) => recipient.userId).sort() };
  }

  const fromMinou = (roomId: string, startsWith: string) =>
    scenario.homeserver.roomEvents(roomId).filter((event) => event.sender === scenario.bot.userId && event.type === "m.room.message" && String(event.content["body"]).startsWith(startsWith));

  beforeAll(async () => {
    const base = await createScenario({ editDebounceSeconds: 1, onboarding: { welcomeDelaySeconds: 1 }, announcements: { messagesPerSecond: 50 } });
    const bot = base.bot.userId;
    equipe = await Member.connect(base.homeserver, "equipe");
    camille = await Member.connect(base.homeserver, "camille");
    sacha = await Member.connect(base.homeserver, "sacha", { encryption: true, acceptInvitesFrom: bot });
    staffRoom = await equipe.createRoom({ name: "Équipe du centre", invite: [bot] });
    // Minou is a moderator here (its @room pings), not in the quiet room (notifications.room is 50).
    association = await equipe.createRoom({ name: "Jardins partagés", invite: [bot, camille.userId, sacha.userId], power_level_content_override: { users: { [equipe.userId]: 100, [bot]: 50 } } });
    quietRoom = await equipe.createRoom({ name: "Chorale", invite: [bot, camille.userId] });
    for (const roomId of [association, quietRoom]) await camille.join(roomId);
    await sacha.join(association);
    scenario = { ...base, config: { ...base.config, staffRoom } };
    ({ minou } = await startMinou(scenario, () => Date.now() + clockOffset));
    for (const roomId of [staffRoom, association, quietRoom]) await waitFor(() => minou.stores.rooms.get(roomId)?.membership === "join", `Minou in ${roomId}`);
  });

  afterAll(async () => {
    for (const member of [equipe, camille, sacha]) member.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("a reply to a command notifies nobody, even the member it answers", async () => {
    const reply = await ask(camille, association, "!aide");
    expect(reply.getContent()["msgtype"]).toBe("m.notice");
    expect(notified(reply.getId() ?? "")).toEqual({ notified: [], highlighted: [] });
  });

  it("an agenda reminder highlights those who said ✅, by name", async () => {
    const announcement = await ask(camille, association, "!agenda ajouter samedi 13 février 2027 15h Plantation");
    const announcementId = announcement.getId() ?? "";
    await waitFor(() => minou.stores.agenda.events.byAnnouncement(announcementId), "announcement id recorded");
    await camille.client.sendEvent(association, "m.reaction" as never, { "m.relates_to": { rel_type: "m.annotation", event_id: announcementId, key: "✅" } } as never);
    const event = await waitFor(() => {
      const found = minou.stores.agenda.events.byAnnouncement(announcementId);
      return found !== undefined && minou.stores.agenda.answers.answers(found.id).length === 1 ? found : undefined;
    }, "camille's answer");
    clockOffset = event.startsAt - DAY + 5_000 - Date.now();
    await minou.tick();
    const [reminder] = await waitFor(() => fromMinou(association, "⏰ Rappel : Plantation").length === 1 ? fromMinou(association, "⏰ Rappel : Plantation") : undefined, "the reminder");
    clockOffset = 0;
    // Everyone in the room hears of a message; only Camille is mentioned.
    expect(notified(reminder?.event_id ?? "")).toEqual({ notified: [camille.userId, equipe.userId, sacha.userId].sort(), highlighted: [camille.userId] });
    const [latest] = scenario.homeserver.notificationsOf(camille.userId, { only: "highlight" }).notifications;
    expect(latest?.event.event_id).toBe(reminder?.event_id);
  });

  it("a welcome highlights the newcomer", async () => {
    const lou = await Member.connect(scenario.homeserver, "lou");
    await equipe.client.invite(association, lou.userId);
    await lou.join(association);
    const welcome = await waitFor(() => fromMinou(association, "👋").find((event) => String(event.content["body"]).includes("lou")), "the welcome");
    expect(notified(welcome.event_id).highlighted).toEqual([lou.userId]);
    lou.stop();
  });

  it("an announcement with @room highlights every member where Minou may ping the room, and nobody elsewhere", async () => {
    expect(body(await ask(equipe, staffRoom, "!annonce @room Fête du centre samedi"))).toContain("où @room ne notifiera personne : Chorale.");
    const progress = await ask(equipe, staffRoom, "!annonce confirmer");
    const id = (progress.getContent()["fr.chatons.minou"] as { staff_announcement_progress: number }).staff_announcement_progress;
    await waitFor(() => minou.stores.staffAnnouncements.announcements.get(id)?.status === "done" || undefined, "the announcement sent");
    const [pinging] = fromMinou(association, "@room");
    const members = scenario.homeserver.roomEvents(association).filter((event) => event.type === "m.room.member" && event.content["membership"] === "join" && event.state_key !== scenario.bot.userId).map((event) => event.state_key ?? "");
    expect(notified(pinging?.event_id ?? "")).toEqual({ notified: [...new Set(members)].sort(), highlighted: [...new Set(members)].sort() });
    const [quiet] = fromMinou(quietRoom, "@room");
    expect(notified(quiet?.event_id ?? "")).toEqual({ notified: [camille.userId, equipe.userId].sort(), highlighted: [] });
  });

  it("a seat offer in private notifies the member once they have joined their DM with Minou", async () => {
    // The first DM only invites (the invitation is what notifies); the member joins it.
    await ask(sacha, association, "!premiers-pas");
    await waitFor(() => {
      const dm = minou.stores.directRooms.roomOf(sacha.userId);
      return dm !== undefined && scenario.homeserver.stateContent(dm, "m.room.member", sacha.userId)?.["membership"] === "join" ? dm : undefined;
    }, "sacha in the DM");
    await ask(equipe, association, '!formation créer "Atelier vélo" samedi 13 février 2027 10h-12h places:1 confirmation:48h');
    await ask(camille, association, "!formation inscrire 1");
    expect(body(await ask(sacha, association, "!formation inscrire 1"))).toMatch(/liste d'attente/);
    await ask(camille, association, "!formation annuler-inscription 1");
    const dm = minou.stores.directRooms.roomOf(sacha.userId) ?? "";
    const offer = await waitFor(() => sacha.messagesFrom(dm, scenario.bot.userId).find((event) => body(event).startsWith("Bonne nouvelle")), "the offer", 15_000);
    expect(offer.getContent()).toMatchObject({ msgtype: "m.text", "m.mentions": { user_ids: [sacha.userId] } });
    // Encrypted: the server notifies by the two-member rule; Element, reading the m.text, keeps it.
    expect(notified(offer.getId() ?? "").notified).toEqual([sacha.userId]);
  });
});
