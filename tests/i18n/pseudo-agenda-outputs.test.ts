import ICAL from "ical.js";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agendaRoutes } from "../../src/agenda/feed-routes.ts";
import { remindersJob } from "../../src/agenda/jobs/reminders.ts";
import { weeklyDigestJob } from "../../src/agenda/jobs/weekly-digest.ts";
import { weeklyDigestSetting } from "../../src/agenda/settings.ts";
import { storeAgendaSource } from "../../src/agenda/store-source.ts";
import { HttpServer } from "../../src/http/server.ts";
import { useCatalog, type Catalog } from "../../src/i18n/catalog.ts";
import type { Stores } from "../../storage/index.ts";
import { captureLog } from "../support/capture-log.ts";
import { memoryStores } from "../support/memory-stores.ts";
import { leftover, pseudoCatalog } from "./pseudo-locale.ts";

const ROOM = "!asso:x";
const HOUR = 3_600_000;
// Thursday 3 December 2026, 18:30 in Paris; the digest goes on the Monday before.
const START = DateTime.fromObject({ year: 2026, month: 12, day: 3, hour: 18, minute: 30 }, { zone: "Europe/Paris" }).toMillis();
const MONDAY = DateTime.fromObject({ year: 2026, month: 11, day: 30, hour: 9 }, { zone: "Europe/Paris" }).toMillis();

/** What the event's own data and Intl write into these messages: not the catalog's to translate. */
const VALUES = ["Europe/Paris", "jour", "Réunion du bureau", "Salle des fêtes", "Camille", "Les Tilleuls", "Centre", "Paris", "jeudi", "jeu", "décembre", "déc", "lundi", "novembre", "nov"];

function sentTexts(stores: Stores): string[] {
  const bodies: string[] = [];
  for (let next = stores.outbox.nextForRoom(ROOM); next !== undefined; next = stores.outbox.nextForRoom(ROOM)) {
    bodies.push(String(next.content["body"]));
    stores.outbox.markSent(next.id, "$x", 0);
  }
  return bodies;
}

/**
 * The agenda's texts that no command returns — reminders, the weekly digest, the web page and the
 * iCal feed — come from the catalog too: under the pseudo-locale nothing of them shows outside ⟦…⟧.
 */
describe("pseudo-locale: the agenda's messages, page and feed", () => {
  let original: Catalog;
  let stores: Stores;
  beforeAll(() => {
    original = useCatalog(pseudoCatalog());
    stores = memoryStores();
    stores.rooms.recordJoin(ROOM, 0);
    stores.rooms.setName(ROOM, "Les Tilleuls");
    const event = stores.agenda.events.create(
      { roomId: ROOM, uid: "u@test", title: "Réunion du bureau", location: "Salle des fêtes", description: null, startsAt: START, endsAt: START + HOUR, allDay: false, timeZone: "Europe/Paris", rrule: null, createdBy: "@camille:x" },
      START - 10 * 24 * HOUR,
    );
    stores.agenda.events.setPublic(event.id, true, START - 9 * 24 * HOUR);
    stores.agenda.answers.record(event.id, "@camille:x", "yes", "$r1", 1);
  });
  afterAll(() => {
    useCatalog(original);
  });

  it("reminders", async () => {
    const names = { displayName: (_room: string, userId: string) => (userId === "@camille:x" ? "Camille" : undefined) };
    const job = remindersJob(stores, { defaultOffsetsMinutes: [1440], graceMinutes: 30, defaultLanguage: "fr" }, names, () => undefined, captureLog().log);
    await job.run(START - 24 * HOUR);
    const texts = sentTexts(stores);
    expect(texts).toHaveLength(1);
    for (const text of texts) expect(leftover(text, VALUES), text).toBe("");
  });

  it("the weekly digest", async () => {
    stores.roomSettings.set(ROOM, weeklyDigestSetting, true);
    await weeklyDigestJob(stores, { language: "fr", timeZone: "Europe/Paris" }, () => undefined, captureLog().log).run(MONDAY);
    const texts = sentTexts(stores);
    expect(texts).toHaveLength(1);
    for (const text of texts) expect(leftover(text, VALUES), text).toBe("");
  });

  it("the room's web page and the iCal feeds' names", async () => {
    const token = stores.agenda.feedTokens.tokenFor(ROOM, START - 24 * HOUR);
    const server = new HttpServer(agendaRoutes(storeAgendaSource(stores, { language: "fr", timeZone: "Europe/Paris" }), { publicBaseUrl: "https://minou.exemple.fr", centreName: "Centre", now: () => START - 24 * HOUR }), captureLog().log);
    const port = await server.listen("127.0.0.1", 0);
    try {
      for (const path of [`/agenda/${token}`, "/agenda"]) {
        const html = await (await fetch(`http://127.0.0.1:${port}${path}`)).text();
        const shown = html
          .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gu, " ")
          .replace(/<[^>]+>/gu, " ")
          .replace(/&#39;/gu, "'")
          .replace(/&quot;/gu, '"')
          .replace(/&amp;/gu, "&");
        expect(leftover(shown, [...VALUES, "webcal", "https", "minou.exemple.fr", token, "feeds/public.ics", "feeds", "ics", "download"]), path).toBe("");
      }
      for (const path of [`/feeds/${token}.ics`, "/feeds/public.ics"]) {
        const calendar = new ICAL.Component(ICAL.parse(await (await fetch(`http://127.0.0.1:${port}${path}`)).text()) as unknown[]);
        expect(String(calendar.getFirstPropertyValue("x-wr-calname") ?? ""), path).not.toBe("");
        for (const property of ["x-wr-calname", "x-wr-caldesc"]) {
          const value = String(calendar.getFirstPropertyValue(property) ?? "");
          expect(leftover(value, VALUES), `${path} ${property}: ${value}`).toBe("");
        }
      }
    } finally {
      await server.close();
    }
  });
});
