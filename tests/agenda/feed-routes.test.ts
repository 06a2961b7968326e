import { randomBytes } from "node:crypto";
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agendaRoutes, type AgendaSource } from "../../src/agenda/feed-routes.ts";
import type { AgendaEvent } from "../../src/agenda/model.ts";
import { HttpServer } from "../../src/http/server.ts";
import { captureLog } from "../support/capture-log.ts";

type Room = NonNullable<ReturnType<AgendaSource["roomForToken"]>>;

const NOW = Date.UTC(2026, 2, 25, 8);
const paris = (month: number, day: number, hour = 0): number => DateTime.fromObject({ year: 2026, month, day, hour }, { zone: "Europe/Paris" }).toMillis();

let nextId = 1;
function agendaEvent(roomId: string, fields: Partial<AgendaEvent> & Pick<AgendaEvent, "title" | "startsAt" | "endsAt">): AgendaEvent {
  const id = nextId++;
  return {
    id, roomId, number: id, uid: `event-${id}@minou.test`, location: null, description: null, allDay: false,
    timeZone: "Europe/Paris", rrule: null, exceptions: [], status: "confirmed", isPublic: false, sequence: 0,
    createdBy: "@alice:test", createdAt: NOW - 86_400_000, updatedAt: NOW - 3_600_000, ...fields,
  };
}

/** An in-memory agenda that counts how often events are read (one read per render). */
class FakeSource implements AgendaSource {
  readonly rooms = new Map<string, Room>();
  readonly events: AgendaEvent[] = [];
  readonly versions = new Map<string | null, number>();
  readonly organiserNames = new Map<string, string>();
  readonly lookups: string[] = [];
  eventReads = 0;
  failWith: Error | undefined;

  roomForToken(token: string): Room | undefined {
    this.lookups.push(token);
    return this.rooms.get(token);
  }
  roomEvents(roomId: string): readonly AgendaEvent[] {
    this.eventReads += 1;
    if (this.failWith !== undefined) throw this.failWith;
    return this.events.filter((event) => event.roomId === roomId);
  }
  publicEvents(): readonly AgendaEvent[] {
    this.eventReads += 1;
    return this.events.filter((event) => event.isPublic);
  }
  organisers(): ReadonlyMap<string, string> {
    return this.organiserNames;
  }
  version(roomId: string | null): string {
    return String(this.versions.get(roomId) ?? 0);
  }
  bump(roomId: string | null): void {
    this.versions.set(roomId, (this.versions.get(roomId) ?? 0) + 1);
  }
}

const token = (): string => randomBytes(16).toString("base64url");

describe("agendaRoutes", () => {
  const CLUB = "!club:test";
  const OTHER = "!other:test";
  const clubToken = token();
  const englishToken = token();
  let source: FakeSource;
  let server: HttpServer;
  let base: string;
  let logLines: string[];

  beforeEach(async () => {
    source = new FakeSource();
    source.rooms.set(clubToken, { roomId: CLUB, name: "Club <b>tricot</b>", language: "fr", timeZone: "Europe/Paris" });
    source.rooms.set(englishToken, { roomId: OTHER, name: "Book club", language: "en", timeZone: "Europe/Paris" });
    source.events.push(
      agendaEvent(CLUB, { title: "Tricot <script>alert(1)</script>", location: `"><img src=x onerror=alert(1)>`, description: "Laine & aiguilles", startsAt: paris(3, 31, 18), endsAt: paris(3, 31, 20) }),
      agendaEvent(CLUB, { title: "Assemblée générale", startsAt: paris(4, 2, 18), endsAt: paris(4, 2, 20), status: "cancelled", isPublic: true }),
      agendaEvent(OTHER, { title: "Reading", startsAt: paris(4, 3, 18), endsAt: paris(4, 3, 19) }),
      agendaEvent(OTHER, { title: "Portes ouvertes", startsAt: paris(4, 4, 10), endsAt: paris(4, 4, 17), isPublic: true }),
    );
    source.organiserNames.set(CLUB, "Les Mailles & <i>Cie</i>").set(OTHER, "Lecture, ensemble");
    const capture = captureLog();
    logLines = capture.lines;
    server = new HttpServer(agendaRoutes(source, { publicBaseUrl: "https://minou.centre.example/pfx", centreName: "Centre social des Lilas", now: () => NOW, log: capture.log }), capture.log);
    base = `http://127.0.0.1:${await server.listen("127.0.0.1", 0)}`;
  });
  afterEach(async () => {
    await server.close();
  });

  const get = (path: string, headers: Record<string, string> = {}): Promise<Response> => fetch(`${base}${path}`, { headers });
  const uidsIn = (feed: string): string[] =>
    new ICAL.Component(ICAL.parse(feed)).getAllSubcomponents("vevent").map((vevent) => String(vevent.getFirstPropertyValue("uid")));

  it("serves a room's feed as text/calendar with a strong ETag, private caching and an inline filename", async () => {
    const response = await get(`/feeds/${clubToken}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]{32}"$/u);
    expect(response.headers.get("cache-control")).toBe("private, max-age=300");
    expect(response.headers.get("content-disposition")).toBe('inline; filename="agenda-club-b-tricot-b.ics"');
    expect(response.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const feed = await response.text();
    expect(feed.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(uidsIn(feed)).toEqual(source.events.filter((event) => event.roomId === CLUB).map((event) => event.uid));
    expect(feed).toContain("URL;VALUE=URI:https://matrix.to/#/!club:test");

    const download = await get(`/feeds/${clubToken}.ics?download=1`);
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="agenda-club-b-tricot-b.ics"');
    expect(await download.text()).toBe(feed);
  });

  it("answers a matching If-None-Match with 304 and no body", async () => {
    const first = await get(`/feeds/${clubToken}.ics`);
    const etag = first.headers.get("etag") ?? "";
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const again = await get(`/feeds/${clubToken}.ics`, { "if-none-match": header });
      expect(again.status, header).toBe(304);
      expect(again.headers.get("etag")).toBe(etag);
      expect(again.headers.get("cache-control")).toBe("private, max-age=300");
      expect(await again.text()).toBe("");
    }
    expect((await get(`/feeds/${clubToken}.ics`, { "if-none-match": '"stale"' })).status).toBe(200);
  });

  it("renders a feed once per version, and again when the version changes", async () => {
    const before = source.eventReads;
    const first = await get(`/feeds/${clubToken}.ics`);
    const etag = first.headers.get("etag") ?? "";
    await Promise.all(Array.from({ length: 5 }, () => get(`/feeds/${clubToken}.ics`).then((response) => response.text())));
    await get(`/feeds/${clubToken}.ics`, { "if-none-match": etag });
    expect(source.eventReads - before).toBe(1);

    source.events.push(agendaEvent(CLUB, { title: "Nouveau", startsAt: paris(4, 8, 18), endsAt: paris(4, 8, 19) }));
    expect((await get(`/feeds/${clubToken}.ics`, { "if-none-match": etag })).status).toBe(304); // same version: still the cached render
    source.bump(CLUB);
    const changed = await get(`/feeds/${clubToken}.ics`, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(await changed.text()).toContain("SUMMARY:Nouveau");
    await get(`/feeds/${clubToken}.ics`);
    expect(source.eventReads - before).toBe(2);
    source.bump(OTHER); // another room's change leaves this feed alone
    await get(`/feeds/${clubToken}.ics`);
    expect(source.eventReads - before).toBe(2);
  });

  it("gives unknown, revoked and malformed tokens the server's ordinary 404, without looking malformed ones up", async () => {
    const ordinary = await get("/no-such-page");
    const expected = { status: ordinary.status, type: ordinary.headers.get("content-type"), body: await ordinary.text() };
    expect(expected.status).toBe(404);
    const revoked = token();
    source.rooms.set(revoked, { roomId: CLUB, name: "Club", language: "fr", timeZone: "Europe/Paris" });
    expect((await get(`/feeds/${revoked}.ics`)).status).toBe(200);
    source.rooms.delete(revoked);
    const malformed = ["short", "a".repeat(23), "a".repeat(21), `${"a".repeat(21)}=`, "%3Cscript%3E", `${"a".repeat(21)}.`];
    for (const candidate of [token(), revoked, ...malformed]) {
      for (const path of [`/feeds/${candidate}.ics`, `/agenda/${candidate}`]) {
        const response = await get(path);
        const actual = { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
        expect(actual, path).toEqual(expected);
      }
    }
    expect(source.lookups.filter((looked) => malformed.includes(looked))).toEqual([]);
  });

  it("puts only public events, from every room, in the public feed", async () => {
    const response = await get("/feeds/public.ics");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(response.headers.get("content-disposition")).toBe('inline; filename="agenda-centre-social-des-lilas.ics"');
    const feed = await response.text();
    expect(uidsIn(feed)).toEqual(source.events.filter((event) => event.isPublic).map((event) => event.uid));
    expect(feed).toContain("STATUS:CANCELLED");
    expect(feed).not.toContain("matrix.to"); // no room ids in the public feed
  });

  it("escapes every user-supplied text in the room page and sets a strict CSP", async () => {
    const response = await get(`/agenda/${clubToken}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("private, max-age=300");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'$/u);
    const page = await response.text();
    expect(page).toContain('<html lang="fr">');
    expect(page).not.toMatch(/<script|<img|<b>/iu);
    expect(page).toContain("Tricot &#60;script&#62;alert(1)&#60;/script&#62;");
    expect(page).toContain("&#34;&#62;&#60;img src=x onerror=alert(1)&#62;");
    expect(page).toContain("Laine &#38; aiguilles");
    expect(page).toContain("Agenda du salon «\u00a0Club &#60;b&#62;tricot&#60;/b&#62;\u00a0»");
    expect(page).toMatch(/<p class="badge">Annulé<\/p>/u);
    expect(page).not.toContain("Reading"); // another room's event
    const etag = response.headers.get("etag") ?? "";
    expect((await get(`/agenda/${clubToken}`, { "if-none-match": etag })).status).toBe(304);
  });

  it("links to the webcal:// form of the feed URL and to a download that resolves to the feed", async () => {
    const page = await (await get(`/agenda/${clubToken}`)).text();
    expect(page).toContain(`href="webcal://minou.centre.example/pfx/feeds/${clubToken}.ics">S&#39;abonner</a>`);
    expect(page).toContain(`<code>https://minou.centre.example/pfx/feeds/${clubToken}.ics</code>`);
    const download = /href="([^"]+)" download>Télécharger \(\.ics\)<\/a>/u.exec(page)?.[1] ?? "";
    const resolved = new URL(download, `${base}/agenda/${clubToken}`);
    expect(resolved.href).toBe(`${base}/feeds/${clubToken}.ics?download=1`);
    const feed = await fetch(resolved);
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");

    const publicPage = await (await get("/agenda")).text();
    expect(publicPage).toContain('href="webcal://minou.centre.example/pfx/feeds/public.ics"');
    expect(new URL(/href="([^"]+)" download>/u.exec(publicPage)?.[1] ?? "", `${base}/agenda`).pathname).toBe("/feeds/public.ics");
    expect(publicPage).toContain("Portes ouvertes");
    expect(publicPage).not.toContain("Tricot");
  });

  it("shows on each event of the pages the association that organises it, escaped; the centre for a training", async () => {
    source.events.push(agendaEvent(OTHER, { id: -7, title: "Formation : Débuter avec Element", startsAt: paris(4, 5, 14), endsAt: paris(4, 5, 16), isPublic: true }));
    const publicPage = await (await get("/agenda")).text();
    const organiserOf = (page: string, title: string): string | undefined =>
      new RegExp(`<h3>${title}</h3>.*?<p class="organiser"><span class="label">Organisé par\u00a0:</span> ([^<]*)</p>`, "u").exec(page)?.[1];
    expect(organiserOf(publicPage, "Assemblée générale")).toBe("Les Mailles &#38; &#60;i&#62;Cie&#60;/i&#62;");
    expect(organiserOf(publicPage, "Portes ouvertes")).toBe("Lecture, ensemble");
    expect(organiserOf(publicPage, "Formation : Débuter avec Element")).toBe("Centre social des Lilas");
    expect(publicPage).not.toContain("<i>");
    const roomPage = await (await get(`/agenda/${englishToken}`)).text();
    expect(roomPage).toContain('<p class="organiser"><span class="label">Organised by:</span> Lecture, ensemble</p>');
  });

  it("writes each event's association as CATEGORIES in the feeds, and renders again when one is renamed", async () => {
    const categoriesIn = (feed: string): Record<string, string[]> =>
      Object.fromEntries(
        new ICAL.Component(ICAL.parse(feed))
          .getAllSubcomponents("vevent")
          .map((vevent) => [String(vevent.getFirstPropertyValue("summary")), vevent.getAllProperties("categories").flatMap((property) => property.getValues().map(String))]),
      );
    const publicFeed = await get("/feeds/public.ics");
    expect(categoriesIn(await publicFeed.text())).toEqual({ "Assemblée générale": ["Les Mailles & <i>Cie</i>"], "Portes ouvertes": ["Lecture, ensemble"] });
    expect(categoriesIn(await (await get(`/feeds/${clubToken}.ics`)).text())).toEqual({
      "Tricot <script>alert(1)</script>": ["Les Mailles & <i>Cie</i>"],
      "Assemblée générale": ["Les Mailles & <i>Cie</i>"],
    });
    source.organiserNames.set(OTHER, "Les Lecteurs du quartier");
    const renamed = await get("/feeds/public.ics", { "if-none-match": publicFeed.headers.get("etag") ?? "" });
    expect(renamed.status).toBe(200);
    expect(categoriesIn(await renamed.text())["Portes ouvertes"]).toEqual(["Les Lecteurs du quartier"]);
  });

  it("names each calendar in its room's language, as calendar apps read it", async () => {
    const calendar = async (path: string) => new ICAL.Component(ICAL.parse(await (await get(path)).text()));
    const club = await calendar(`/feeds/${clubToken}.ics`);
    expect(club.getFirstPropertyValue("x-wr-calname")).toBe("Club <b>tricot</b>");
    expect(club.getFirstPropertyValue("x-wr-caldesc")).toBe("Agenda du salon «\u00a0Club <b>tricot</b>\u00a0» — Centre social des Lilas");
    expect((await calendar(`/feeds/${englishToken}.ics`)).getFirstPropertyValue("x-wr-caldesc")).toBe("Calendar of the “Book club” room — Centre social des Lilas");
    expect((await calendar("/feeds/public.ics")).getFirstPropertyValue("x-wr-calname")).toBe("Agenda public — Centre social des Lilas");
  });

  it("writes the room page in English for an English-speaking room", async () => {
    const page = await (await get(`/agenda/${englishToken}`)).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain(">Subscribe</a>");
    expect(page).toContain(">Download (.ics)</a>");
    expect(page).toContain("Friday 3 April 2026");
    expect(page).toContain("Reading");
  });

  it("answers a failing render with 500 and logs the route pattern, never the token", async () => {
    source.failWith = new Error("database is locked");
    const response = await get(`/feeds/${clubToken}.ics`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("Erreur interne · Internal error\n");
    expect(logLines.join("\n")).toContain("/feeds/<token>.ics");
    expect(logLines.join("\n")).toContain("database is locked");
    expect(logLines.join("\n")).not.toContain(clubToken);
  });
});
