import ICAL from "ical.js";
import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

const DAY = 86_400_000;

describe("shared agenda through the real bot (matrix-js-sdk members)", () => {
  let scenario: Scenario;
  let minou: Minou;
  let camille: Member;
  let dominique: Member;
  let roomId: string;
  let clockOffset = 0;
  // Intl separates numbers and units with no-break spaces (French typography).
  const body = (event: MatrixEvent): string => String(event.getContent()["body"]).replace(/[\u00a0\u202f]/g, " ");

  async function ask(member: Member, command: string): Promise<MatrixEvent> {
    const eventId = await member.say(roomId, command);
    return member.waitForReply(roomId, eventId, scenario.bot.userId);
  }

  const shownText = (announcementId: string): string => camille.shownText(roomId, announcementId);

  beforeAll(async () => {
    scenario = await createScenario({ editDebounceSeconds: 1 });
    ({ minou } = await startMinou(scenario, () => Date.now() + clockOffset));
    camille = await Member.connect(scenario.homeserver, "camille");
    dominique = await Member.connect(scenario.homeserver, "dominique");
    roomId = await roomWithMinou(scenario, dominique, { invite: [camille.userId] });
    await camille.join(roomId);
  });

  afterAll(async () => {
    camille.stop();
    dominique.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("adds an event from plain French and answers with what it understood", async () => {
    const answer = await ask(camille, "!agenda ajouter jeudi prochain 18h30 Réunion du bureau @ Salle des fêtes");
    expect(body(answer)).toMatch(/Réunion du bureau \(n°1\)/);
    expect(body(answer)).toMatch(/jeudi \d+ \S+ \d{4}, 18:30–19:30 \(heure de Paris\) — 📍 Salle des fêtes/);
    expect(body(answer)).toContain("✅ 0 · ❓ 0 · ❌ 0");
    expect(answer.getContent()["fr.chatons.minou"]).toEqual({ agenda_event: expect.stringMatching(/@minou$/) });
    const list = await ask(dominique, "!agenda");
    expect(body(list)).toMatch(/n°1 · jeu\. \d+ \S+, 18:30–19:30 · Réunion du bureau · 📍 Salle des fêtes/);
  });

  it("refuses a date in the past or without a time, and stores nothing", async () => {
    expect(body(await ask(camille, "!agenda ajouter hier 18h Truc"))).toMatch(/pass/);
    expect(body(await ask(camille, "!agenda ajouter 12/12 Loto"))).toMatch(/heure|toute la journée/);
    expect(minou.stores.agenda.events.inRoom(roomId)).toHaveLength(1);
  });

  it("records RSVP reactions and edits the announcement once per burst, live", async () => {
    const announcement = await ask(camille, "!agenda ajouter samedi 13 février toute la journée Vide-grenier");
    const announcementId = announcement.getId() ?? "";
    await waitFor(() => minou.stores.agenda.events.byAnnouncement(announcementId), "announcement id recorded");
    const yes = await camille.client.sendEvent(roomId, "m.reaction" as never, { "m.relates_to": { rel_type: "m.annotation", event_id: announcementId, key: "✅️" } } as never);
    await dominique.client.sendEvent(roomId, "m.reaction" as never, { "m.relates_to": { rel_type: "m.annotation", event_id: announcementId, key: "❓" } } as never);
    await waitFor(() => shownText(announcementId).includes("✅ 1 · ❓ 1 · ❌ 0"), "the live counts");
    await quietPeriod(1_500);
    const edits = camille.timeline(roomId).filter((event) => (event.getContent()["m.relates_to"] as { event_id?: string } | undefined)?.event_id === announcementId && event.getSender() === scenario.bot.userId);
    expect(edits).toHaveLength(1);
    await camille.client.redactEvent(roomId, yes.event_id);
    await waitFor(() => shownText(announcementId).includes("✅ 0 · ❓ 1 · ❌ 0"), "the withdrawn answer");
    const people = await ask(camille, "!agenda participants 2");
    expect(body(people)).toMatch(/❓ Peut-être \(1\) : dominique$/m);
  });

  it("lets the author or a moderator change an event, nobody else", async () => {
    const dominiqueEvent = await ask(dominique, "!agenda ajouter vendredi prochain 20h Conseil d'administration");
    expect(body(dominiqueEvent)).toContain("(n°3)");
    expect(body(await ask(camille, "!agenda annuler 3"))).toMatch(/^Vous pouvez modifier ou annuler vos propres événements, mais l'événement n°3 a été ajouté par quelqu'un d'autre/);
    expect(body(await ask(camille, "!agenda modifier 1 lieu Maison des associations"))).toContain("📍 Maison des associations");
    expect(body(await ask(dominique, "!agenda annuler 1"))).toMatch(/L'événement n°1, « Réunion du bureau », est annulé/);
    expect(body(await ask(camille, "!agenda voir 42"))).toMatch(/Il n'y a pas d'événement n°42/);
  });

  it("gives a secret iCal feed that calendar apps can read, and revokes it on renewal", async () => {
    const links = body(await ask(camille, "!agenda lien"));
    const webcal = /webcal:\/\/\S+/.exec(links)?.[0] ?? "";
    expect(webcal).toMatch(/\/feeds\/[A-Za-z0-9_-]{22}\.ics$/);
    const path = new URL(webcal.replace("webcal://", "http://")).pathname;
    const feedUrl = `http://127.0.0.1:${minou.httpPort}${path}`;
    const response = await fetch(feedUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    const events = calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
    expect(events.map((event) => event.summary).sort()).toEqual(["Conseil d'administration", "Réunion du bureau", "Vide-grenier"]);
    expect(calendar.getAllSubcomponents("vevent").find((vevent) => vevent.getFirstPropertyValue("summary") === "Réunion du bureau")?.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(body(await ask(camille, "!agenda lien renouveler"))).toMatch(/^Désolé, !agenda lien renouveler est réservée/);
    const renewed = body(await ask(dominique, "!agenda lien renouveler"));
    expect(renewed).toContain("l'ancienne adresse ne marche plus");
    expect((await fetch(feedUrl)).status).toBe(404);
  });

  it("reminds those who answered ✅ or ❓ a day before, once, even if the job runs again", async () => {
    const event = minou.stores.agenda.events.inRoom(roomId).find((candidate) => candidate.title === "Vide-grenier");
    if (event === undefined) throw new Error("Vide-grenier missing");
    clockOffset = event.startsAt - DAY + 5_000 - Date.now();
    await minou.tick();
    await minou.tick();
    const reminder = await waitFor(() => camille.timeline(roomId).find((candidate) => candidate.getSender() === scenario.bot.userId && body(candidate).startsWith("⏰ Rappel")), "the reminder");
    expect(body(reminder)).toMatch(/⏰ Rappel : Vide-grenier dans 1 jour/);
    // It must reach them: an m.text naming them (display name, for Synapse 1.67) and in m.mentions.
    expect(reminder.getContent()).toMatchObject({ msgtype: "m.text", "m.mentions": { user_ids: [dominique.userId] } });
    expect(body(reminder)).toContain("Ont répondu ✅ ou ❓ : dominique");
    expect(String(reminder.getContent()["formatted_body"])).toContain(`<a href="https://matrix.to/#/${dominique.userId}">dominique</a>`);
    await quietPeriod(500);
    expect(camille.timeline(roomId).filter((candidate) => body(candidate).startsWith("⏰ Rappel"))).toHaveLength(1);
    clockOffset = 0;
  });
});
