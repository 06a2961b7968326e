import ICAL from "ical.js";
import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reminderOffsetsSetting } from "../../src/agenda/settings.ts";
import type { Minou } from "../../src/minou.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { waitFor } from "../support/wait.ts";

/** Monday 30 November 2026, 10:00 in Paris: a fixed "now" for the bot. */
const NOW = Date.UTC(2026, 10, 30, 9, 0);

describe("recurring events, settings and the public agenda through the real bot", () => {
  let scenario: Scenario;
  let minou: Minou;
  let dominique: Member;
  let roomId: string;
  let now = NOW;
  const body = (event: MatrixEvent): string => String(event.getContent()["body"]).replace(/[\u00a0\u202f]/g, " ");

  async function ask(command: string): Promise<string> {
    const eventId = await dominique.say(roomId, command);
    return body(await dominique.waitForReply(roomId, eventId, scenario.bot.userId));
  }

  beforeAll(async () => {
    scenario = await createScenario();
    ({ minou } = await startMinou(scenario, () => now));
    dominique = await Member.connect(scenario.homeserver, "dominique");
    roomId = await roomWithMinou(scenario, dominique, { name: "Chorale des Tilleuls" });
  });

  afterAll(async () => {
    dominique.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("understands a weekly event with an end, and lists its dates", async () => {
    const added = await ask("!agenda ajouter tous les mardis à 18h Répétition de la chorale @ Salle Pablo Neruda jusqu'au 30 juin");
    expect(added).toContain("tous les mardis de 18:00 à 19:00 (heure de Paris), à partir du mardi 1er décembre 2026, jusqu'au 30 juin 2027 — 📍 Salle Pablo Neruda");
    const week = await ask("!agenda semaine");
    expect(week).toContain("n°1 · mar. 1 déc., 18:00–19:00 · Répétition de la chorale");
    expect(week).not.toContain("8 déc.");
  });

  it("cancels one date and moves another, keeping the others", async () => {
    expect(await ask("!agenda annuler 1 mardi 8 décembre")).toContain("n'aura pas lieu le mardi 8 décembre, 18:00–19:00");
    expect(await ask("!agenda déplacer 1 15/12 vers jeudi 17 décembre 19h")).toContain("prévu le mardi 15 décembre, 18:00–19:00, aura lieu le jeudi 17 décembre, 19:00–20:00");
    const details = await ask("!agenda voir 1");
    expect(details).toContain("mar. 1 déc., 18:00–19:00");
    expect(details).toContain("mar. 8 déc., 18:00–19:00 (annulé)");
    expect(details).toContain("jeu. 17 déc., 19:00–20:00");
    expect(await ask("!agenda annuler 1 mercredi 9 décembre")).toMatch(/Je ne trouve pas de date à venir de l'événement n°1 pour « mercredi 9 décembre »/);
  });

  it("sets the room's reminders, time zone and weekly digest (moderators)", async () => {
    expect(await ask("!agenda rappels")).toBe("Rappels de ce salon : 1 jour et 1 heure avant chaque événement.");
    expect(await ask("!agenda rappels 2h 15min")).toBe("C'est réglé : 2 heures et 15 minutes avant chaque événement.");
    expect(await ask("!agenda rappels dans longtemps")).toMatch(/^Je n'ai pas compris « dans longtemps »/);
    // "0min" is no reminder at all: refused, and the setting does not change behind a "C'est réglé".
    expect(await ask("!agenda rappels 0min")).toBe("Un rappel 0 minute avant arriverait en même temps que l'événement : je ne l'enregistre pas, et les rappels restent 2 heures et 15 minutes avant chaque événement. Donnez un délai d'au moins 1 minute (!agenda rappels 15min), ou !agenda rappels aucun pour couper les rappels.");
    expect(await ask("!agenda rappels 1h 0min")).toMatch(/^Un rappel 0 minute avant/);
    expect(await ask("!agenda rappels")).toBe("Rappels de ce salon : 2 heures et 15 minutes avant chaque événement.");
    expect(minou.stores.roomSettings.get(roomId, reminderOffsetsSetting)).toEqual([120, 15]);
    expect(await ask("!agenda rappels aucun")).toBe("C'est réglé : aucun rappel.");
    expect(minou.stores.roomSettings.get(roomId, reminderOffsetsSetting)).toEqual([]);
    expect(await ask("!agenda rappels 2h 15min")).toBe("C'est réglé : 2 heures et 15 minutes avant chaque événement.");
    expect(await ask("!agenda fuseau america/cayenne")).toBe("Fuseau horaire du salon : heure de Cayenne. Les événements ajoutés désormais suivront cette heure-là ; ceux déjà prévus ne changent pas.");
    expect(await ask("!agenda fuseau Mars/Olympus")).toMatch(/n'est pas un fuseau horaire que je connais/);
    expect(await ask("!agenda ajouter demain 18h Réunion en Guyane")).toContain("mardi 1er décembre 2026, 18:00–19:00 (heure de Cayenne)");
    expect(await ask("!agenda résumé oui")).toContain("chaque lundi à 9 h");
    try {
      now = Date.UTC(2026, 11, 14, 12, 30); // Monday 14 December, 9:30 in Cayenne
      await minou.tick();
      const digest = await waitFor(() => dominique.timeline(roomId).find((event) => body(event).startsWith("Cette semaine à l'association")), "the weekly digest");
      // The 15 December rehearsal was moved to the 17th.
      expect(body(digest)).toContain("jeu. 17 déc., 19:00–20:00 — Répétition de la chorale — 📍 Salle Pablo Neruda");
      await minou.tick();
      expect(dominique.timeline(roomId).filter((event) => body(event).startsWith("Cette semaine à l'association"))).toHaveLength(1);
    } finally {
      now = NOW;
    }
  });

  it("publishes an event in the centre's public feed and page", async () => {
    expect(await ask("!agenda public 1")).toContain("apparaît maintenant dans l'agenda public du centre");
    const base = `http://127.0.0.1:${minou.httpPort}`;
    const feed = new ICAL.Component(ICAL.parse(await (await fetch(`${base}/feeds/public.ics`)).text()));
    const vevents = feed.getAllSubcomponents("vevent");
    const master = vevents.find((vevent) => vevent.getFirstPropertyValue("recurrence-id") === null);
    expect(master?.getFirstPropertyValue("summary")).toBe("Répétition de la chorale");
    expect(String(master?.getFirstPropertyValue("rrule"))).toContain("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T215959Z");
    expect(master?.getFirstProperty("exdate")?.getFirstValue()?.toString()).toBe("2026-12-08T18:00:00");
    expect(vevents.some((vevent) => vevent.getFirstPropertyValue("summary") === "Réunion en Guyane")).toBe(false);
    const page = await (await fetch(`${base}/agenda`)).text();
    expect(page).toContain("Répétition de la chorale");
    expect(page).not.toContain("Réunion en Guyane");
  });

  it("speaks and reads English in an English room", async () => {
    await ask("!langue en");
    const added = await ask("!calendar add next Friday 7pm to 9pm Board meeting @ Town hall");
    expect(added).toContain("Friday 4 December 2026, 19:00–21:00 (Cayenne time)");
    expect(added).toContain("React to this message: ✅ coming · ❓ maybe · ❌ not coming");
    const links = await ask("!calendar link");
    const page = /https?:\/\/\S+\/agenda\/[A-Za-z0-9_-]{22}/.exec(links)?.[0] ?? "";
    const html = await (await fetch(`http://127.0.0.1:${minou.httpPort}${new URL(page).pathname}`)).text();
    expect(html).toContain('lang="en"');
    expect(html).toContain("Board meeting");
  });
});
