import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { RawMember } from "../../bench/support/raw-member.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

const DAY = 86_400_000;

describe("onboarding, FAQ and the association registry through the real bot", () => {
  let scenario: Scenario;
  let minou: Minou;
  let equipe: Member;
  let dominique: Member;
  let roomId: string;
  let offset = 0;
  const now = (): number => Date.now() + offset;
  const body = (event: MatrixEvent): string => String(event.getContent()["body"]).replace(/[\u00a0\u202f]/g, " ");

  async function ask(member: Member, command: string, room = roomId): Promise<string> {
    const eventId = await member.say(room, command);
    return body(await member.waitForReply(room, eventId, scenario.bot.userId));
  }

  const welcomes = (room = roomId) =>
    scenario.homeserver.roomEvents(room).filter((event) => event.sender === scenario.bot.userId && String(event.content["body"]).startsWith("👋"));
  /** Messages Minou wrote in the member's DM: encrypted, so counted here and read by the member. */
  const guidesTo = (userId: string): unknown[] => {
    const dm = minou.stores.directRooms.roomOf(userId);
    return dm === undefined
      ? []
      : scenario.homeserver.roomEvents(dm).filter((event) => event.sender === scenario.bot.userId && ["m.room.message", "m.room.encrypted"].includes(event.type));
  };

  async function joinRaw(localpart: string, room: string): Promise<RawMember> {
    const account = await scenario.homeserver.registerUser(localpart);
    const member = new RawMember(scenario.homeserver.url, account.userId, account.accessToken);
    await dominique.client.invite(room, account.userId);
    await member.request("POST", `/rooms/${encodeURIComponent(room)}/join`, {});
    return member;
  }

  beforeAll(async () => {
    scenario = await createScenario({ onboarding: { welcomeDelaySeconds: 2 }, services: [{ name: "Pad du centre", url: "https://pad.centre.example", description: "écrire à plusieurs" }] });
    ({ minou } = await startMinou(scenario, now));
    equipe = await Member.connect(scenario.homeserver, "equipe");
    dominique = await Member.connect(scenario.homeserver, "dominique");
    roomId = await roomWithMinou(scenario, dominique, { name: "Les Jardins partagés", invite: [equipe.userId] });
    await equipe.join(roomId);
  });

  afterAll(async () => {
    equipe.stop();
    dominique.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("welcomes a newcomer in the room, notifying them, and sends the guide privately once, notifying too", async () => {
    const camille = await Member.connect(scenario.homeserver, "camille", { encryption: true, acceptInvitesFrom: scenario.bot.userId });
    await dominique.client.invite(roomId, camille.userId);
    await camille.join(roomId);
    const mentioned = (event: { content: Record<string, unknown> }): string[] => (event.content["m.mentions"] as { user_ids?: string[] }).user_ids ?? [];
    const welcome = await waitFor(() => welcomes().find((event) => mentioned(event).includes(camille.userId)), "the welcome");
    // The centre's staff member who joined just before is welcomed in the same message.
    expect(welcome.content["m.mentions"]).toEqual({ user_ids: [equipe.userId, camille.userId] });
    // An m.text naming them by display name (Synapse 1.67's legacy rules read the body), linked to their Matrix ID.
    expect(welcome.content["msgtype"]).toBe("m.text");
    expect(String(welcome.content["body"])).toMatch(/^👋 Bienvenue equipe et camille !/u);
    expect(String(welcome.content["formatted_body"])).toContain(`<a href="https://matrix.to/#/${camille.userId}">camille</a>`);
    // The room's creator was there before Minou: not a newcomer.
    expect(String(welcome.content["body"])).not.toContain("dominique");
    expect(String(welcome.content["body"])).toContain("Vous êtes dans le salon Les Jardins partagés. Je suis Minou");
    const guideEvent = await waitFor(() => camille.messagesFrom(minou.stores.directRooms.roomOf(camille.userId), scenario.bot.userId)[0], "the guide", 15_000);
    const guide = String(guideEvent.getContent()["body"]);
    camille.stop();
    // A DM Minou starts notifies (m.text; the two-member room rule, m.mentions for newer homeservers).
    expect(guideEvent.getContent()).toMatchObject({ msgtype: "m.text", "m.mentions": { user_ids: [camille.userId] } });
    expect(guide).toContain("Bienvenue sur la messagerie du centre social !");
    expect(guide).toContain("• Pad du centre (https://pad.centre.example/) — écrire à plusieurs");
  });

  it("welcomes 20 people joining at once with one grouped message", async () => {
    const before = welcomes().length;
    const joined = await Promise.all(Array.from({ length: 20 }, (_, i) => joinRaw(`vague${i}`, roomId)));
    await waitFor(() => welcomes().length > before || undefined, "the grouped welcome");
    await quietPeriod(2_500);
    const grouped = welcomes().slice(before);
    expect(grouped).toHaveLength(1);
    expect((grouped[0]?.content["m.mentions"] as { user_ids: string[] }).user_ids.sort()).toEqual(joined.map((member) => member.userId).sort());
  });

  it("never sends the guide twice to a member, even after a restart and in another room", async () => {
    const other = await roomWithMinou(scenario, dominique, { name: "Chorale" });
    await minou.stop();
    ({ minou } = await startMinou(scenario, now));
    await joinRaw("vague0x", other); // a new member, to prove guides still go out after the restart
    await waitFor(() => guidesTo(`@vague0x:${scenario.homeserver.serverName}`).length === 1 || undefined, "a guide after restart", 20_000);
    const camilleId = `@camille:${scenario.homeserver.serverName}`;
    await dominique.client.invite(other, camilleId);
    await quietPeriod(300);
    expect(guidesTo(camilleId)).toHaveLength(1);
  });

  it("lets moderators set, preview and turn off the welcome; anyone can ask for the guide again", async () => {
    expect(await ask(dominique, "!bienvenue définir Ici on cultive **ensemble**. Présentez-vous !")).toMatch(/^C'est noté/);
    expect(await ask(equipe, "!bienvenue aperçu")).toContain("Ici on cultive ensemble. Présentez-vous !");
    expect(await ask(dominique, "!bienvenue off")).toMatch(/je n'accueillerai plus/);
    const before = welcomes().length;
    await joinRaw("silencieux", roomId);
    await quietPeriod(2_500);
    expect(welcomes()).toHaveLength(before);
    const guides = guidesTo(equipe.userId).length;
    expect(await ask(equipe, "!premiers-pas")).toBe("Je vous envoie le guide en message privé.");
    await waitFor(() => guidesTo(equipe.userId).length === guides + 1 || undefined, "the guide on demand");
  });

  it("keeps a FAQ per room plus the centre's, searchable without accents", async () => {
    expect(await ask(dominique, '!faq ajouter "Où sont les outils ?" Dans la **cabane**, code 1234.')).toBe("Question n°1 ajoutée.");
    expect(await ask(dominique, '!faq ajouter-centre "Horaires ?" 9h-18h')).toMatch(/^Désolé, !faq ajouter-centre est réservée à l'équipe du centre/);
    expect(await ask(equipe, '!faq ajouter-centre "Quels horaires d\'ouverture ?" Du lundi au vendredi, 9h-18h.')).toBe("Question C1 ajoutée pour tous les salons.");
    expect(await ask(dominique, "!faq")).toMatch(/n°1 · Où sont les outils \?\n• C1 · Quels horaires d'ouverture \?/);
    expect(await ask(dominique, "!faq OU SONT outils")).toContain("Dans la cabane, code 1234.");
    expect(await ask(dominique, "!faq piscine")).toMatch(/^Je n'ai rien trouvé pour « piscine »/);
    expect(await ask(dominique, "!faq retirer C1")).toBe("Les questions du centre (C1, C2…) sont gérées par l'équipe du centre : demandez-lui de retirer celle-ci.");
    expect(await ask(dominique, "!faq retirer 1")).toBe("La question « Où sont les outils ? » est retirée.");
  });

  it("keeps the association's profile and lists every room for the staff", async () => {
    expect(await ask(dominique, "!asso nom Association des Jardins partagés")).toMatch(/^C'est noté/);
    expect(await ask(dominique, "!asso contact jardins@example.org")).toMatch(/^C'est noté/);
    expect(await ask(dominique, "!asso tags culture")).toMatch(/^Désolé/);
    expect(await ask(equipe, "!asso tags #Culture jeunesse")).toBe("Thèmes de l'association : #culture #jeunesse");
    const profile = await ask(dominique, "!asso");
    expect(profile).toContain("Association des Jardins partagés");
    expect(profile).toContain("Contact : jardins@example.org");
    expect(profile).toContain("#culture #jeunesse");
    // Member counts come from the homeserver's joined members, taken by a scheduled job (a tick
    // already under way may have passed it before the last membership change).
    await waitFor(async () => {
      await minou.tick();
      return minou.stores.rooms.uncounted(10).length === 0 || undefined;
    }, "member counts");
    const list = await ask(equipe, "!assos");
    expect(list).toMatch(/Association des Jardins partagés · #culture #jeunesse · \d+ membres · dernière activité .* · ⚠️ Minou ne peut pas épingler, supprimer les messages/);
    expect(list).toContain("Chorale");
  });

  it("revokes the feed at once when kicked, and forgets the room after the retention period", async () => {
    const links = await ask(dominique, "!agenda lien");
    const path = new URL((/https?:\/\/\S+\/feeds\/\S+\.ics/.exec(links)?.[0] ?? "").replace("webcal", "http")).pathname;
    expect((await fetch(`http://127.0.0.1:${minou.httpPort}${path}`)).status).toBe(200);
    await dominique.client.kick(roomId, scenario.bot.userId, "fin");
    await waitFor(() => minou.stores.rooms.get(roomId)?.membership === "leave" || undefined, "the leave recorded");
    expect((await fetch(`http://127.0.0.1:${minou.httpPort}${path}`)).status).toBe(404);
    offset = 89 * DAY;
    await minou.tick();
    expect(minou.stores.rooms.get(roomId)).toBeDefined();
    offset = 91 * DAY;
    await minou.tick();
    expect(minou.stores.rooms.get(roomId)).toBeUndefined();
    offset = 0;
  });
});
