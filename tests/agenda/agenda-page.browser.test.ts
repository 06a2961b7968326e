import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { DateTime } from "luxon";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agendaRoutes, type AgendaSource } from "../../src/agenda/feed-routes.ts";
import type { AgendaEvent } from "../../src/agenda/model.ts";
import { HttpServer } from "../../src/http/server.ts";
import { captureLog } from "../support/capture-log.ts";

/** Debian's package; CI installs it. Missing, this file fails rather than skips. */
const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOT = "/tmp/minou-agenda-page.png";
const TOKEN = "Zm9yLXRoZS1icm93c2VyLQ";
const ROOM = "!tricot:test";
const NOW = Date.UTC(2026, 2, 25, 8);
const paris = (month: number, day: number, hour = 0, minute = 0): number =>
  DateTime.fromObject({ year: 2026, month, day, hour, minute }, { zone: "Europe/Paris" }).toMillis();

/** The little of the DOM the in-page checks use (the project compiles without lib.dom). */
interface DomElement {
  readonly textContent: string | null;
  readonly parentElement: DomElement | null;
}
interface BrowserGlobals {
  readonly document: { readonly documentElement: { readonly scrollWidth: number }; querySelectorAll(selector: string): ArrayLike<DomElement> };
  readonly innerWidth: number;
  getComputedStyle(element: DomElement): { readonly color: string; readonly backgroundColor: string };
}

function agendaEvent(id: number, fields: Partial<AgendaEvent> & Pick<AgendaEvent, "title" | "startsAt" | "endsAt">): AgendaEvent {
  return {
    id, roomId: ROOM, number: id, uid: `page-${id}@minou.test`, location: null, description: null, allDay: false,
    timeZone: "Europe/Paris", rrule: null, exceptions: [], status: "confirmed", isPublic: false, sequence: 0,
    createdBy: "@alice:test", createdAt: NOW, updatedAt: NOW, ...fields,
  };
}

const EVENTS: AgendaEvent[] = [
  agendaEvent(1, {
    title: "Atelier tricot <script>alert(1)</script>", location: "Salle des Lilas, 1er étage", description: "Apportez vos aiguilles.\nDébutants bienvenus !",
    startsAt: paris(3, 31, 18), endsAt: paris(3, 31, 20), rrule: "FREQ=WEEKLY;COUNT=6", isPublic: true,
    exceptions: [{ originalStart: paris(4, 14, 18), cancelled: true }],
  }),
  agendaEvent(2, { title: "Assemblée générale", location: "Grande salle", startsAt: paris(4, 2, 18, 30), endsAt: paris(4, 2, 21), status: "cancelled" }),
  agendaEvent(3, { title: "Vide-grenier du quartier", location: "Parvis du centre", allDay: true, startsAt: paris(4, 4), endsAt: paris(4, 6), isPublic: true }),
];

const source: AgendaSource = {
  roomForToken: (token) => (token === TOKEN ? { roomId: ROOM, name: "Club tricot & couture", language: "fr", timeZone: "Europe/Paris" } : undefined),
  roomEvents: (roomId) => EVENTS.filter((event) => event.roomId === roomId),
  publicEvents: () => EVENTS.filter((event) => event.isPublic),
  organisers: () => new Map([[ROOM, "Les Mailles <du> quartier & Cie"]]),
  version: () => "1",
};

describe("agenda pages in Chromium", () => {
  let browser: Browser;
  let server: HttpServer;
  let origin: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: install it with "apt-get install chromium" (CI does). This test does not skip.`);
    const { log } = captureLog();
    server = new HttpServer(agendaRoutes(source, { publicBaseUrl: "https://minou.centre.example", centreName: "Centre social des Lilas", now: () => NOW, log }), log);
    origin = `http://127.0.0.1:${await server.listen("127.0.0.1", 0)}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens a page, recording console errors and every URL it requests. */
  async function open(path: string, viewport = { width: 390, height: 844 }): Promise<{ page: Page; errors: string[]; requested: string[] }> {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    const requested: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("request", (request) => requested.push(request.url()));
    const response = await page.goto(`${origin}${path}`);
    expect(response?.status()).toBe(200);
    return { page, errors, requested };
  }

  function expectOnlyOwnHost(requested: readonly string[]): void {
    expect(requested.length).toBeGreaterThan(0);
    for (const url of requested) expect(new URL(url).origin, url).toBe(origin);
  }

  it("shows the room's coming events, with working subscribe and download links", async () => {
    const { page, errors, requested } = await open(`/agenda/${TOKEN}`);
    await page.screenshot({ path: SCREENSHOT, fullPage: true }); // first, so that a failure below still leaves it to look at
    await expect(page.title()).resolves.toBe("Agenda du salon «\u00a0Club tricot & couture\u00a0» — Centre social des Lilas");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Agenda du salon «\u00a0Club tricot & couture\u00a0»");
    const days = await page.getByRole("heading", { level: 2 }).allInnerTexts();
    expect(days.slice(0, 4)).toEqual(["Mardi 31 mars 2026", "Jeudi 2 avril 2026", "Samedi 4 avril 2026", "Mardi 7 avril 2026"]);
    const titles = await page.getByRole("heading", { level: 3 }).allInnerTexts();
    expect(titles).toContain("Atelier tricot <script>alert(1)</script>"); // shown as text, not run
    expect(titles.filter((title) => title.startsWith("Atelier tricot"))).toHaveLength(6); // 14 April stays, marked cancelled
    const cancelled = await page.locator("li", { hasText: "Annulé" }).allInnerTexts();
    expect(cancelled).toHaveLength(2);
    expect(cancelled[0]).toMatch(/^Assemblée générale\s+Annulé\s+18:30 – 21:00/u);
    expect(await page.getByRole("region", { name: "Mardi 14 avril 2026" }).innerText()).toMatch(/Atelier tricot[^]*Annulé\s+18:00 – 20:00/u);
    await expect(page.locator("li", { hasText: "Vide-grenier" }).innerText()).resolves.toContain("Jusqu'au dimanche 5 avril inclus");
    await expect(page.locator("li", { hasText: "Assemblée" }).first().innerText()).resolves.toContain("18:30 – 21:00");

    const subscribe = page.getByRole("link", { name: "S'abonner" });
    expect(await subscribe.getAttribute("href")).toBe(`webcal://minou.centre.example/feeds/${TOKEN}.ics`);
    const download = page.getByRole("link", { name: "Télécharger (.ics)" });
    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    expect(file.url()).toBe(`${origin}/feeds/${TOKEN}.ics?download=1`);
    expect(file.suggestedFilename()).toBe("agenda-club-tricot-couture.ics");
    const feed = await readFile(await file.path(), "utf8");
    expect(feed.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(feed).toContain("UID:page-1@minou.test");
    const direct = await page.request.get(new URL((await download.getAttribute("href")) ?? "", page.url()).href);
    expect(direct.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(await direct.text()).toBe(feed);

    for (const role of ["banner", "navigation", "main", "contentinfo"] as const) expect(await page.getByRole(role).count(), role).toBe(1);
    for (const link of [subscribe, download]) expect((await link.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
    const fitsWidth = await page.evaluate(() => {
      const browser = globalThis as unknown as BrowserGlobals;
      return browser.document.documentElement.scrollWidth <= browser.innerWidth;
    });
    expect(fitsWidth, "no sideways scrolling on a phone").toBe(true);
    expect(errors).toEqual([]);
    expectOnlyOwnHost(requested);
    await page.context().close();
  });

  it("shows only public events on the public page, readable on a desktop screen too", async () => {
    const { page, errors, requested } = await open("/agenda", { width: 1280, height: 900 });
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Agenda public");
    const titles = await page.getByRole("heading", { level: 3 }).allInnerTexts();
    expect(titles).toContain("Vide-grenier du quartier");
    expect(titles).not.toContain("Assemblée générale");
    const events = await page.locator("li.event").allInnerTexts();
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event).toContain("Organisé par\u00a0: Les Mailles <du> quartier & Cie");
    expect(await page.getByRole("link", { name: "S'abonner" }).getAttribute("href")).toBe("webcal://minou.centre.example/feeds/public.ics");
    const href = (await page.getByRole("link", { name: "Télécharger (.ics)" }).getAttribute("href")) ?? "";
    const feed = await page.request.get(new URL(href, page.url()).href);
    expect(feed.status()).toBe(200);
    expect(await feed.text()).not.toContain("Assemblée");
    expect(errors).toEqual([]);
    expectOnlyOwnHost(requested);
    await page.context().close();
  });

  it("keeps every text readable: contrast of at least 4.5:1 against its background", async () => {
    const { page } = await open(`/agenda/${TOKEN}`);
    const ratios = await page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as unknown as BrowserGlobals;
      const channels = (css: string): number[] => (css.match(/[\d.]+/gu) ?? []).map(Number);
      const luminance = (css: string): number => {
        const [r = 0, g = 0, b = 0] = channels(css).map((value) => value / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const background = (element: DomElement | null): string => {
        for (let node = element; node !== null; node = node.parentElement) {
          const color = getComputedStyle(node).backgroundColor;
          if ((channels(color)[3] ?? 1) !== 0) return color;
        }
        return "rgb(255, 255, 255)";
      };
      return Array.from(document.querySelectorAll("h1, h2, h3, p, a, span, time, code")).map((element) => {
        const [light, dark] = [luminance(getComputedStyle(element).color), luminance(background(element))].sort((a, b) => b - a);
        return { text: element.textContent?.slice(0, 30), ratio: ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05) };
      });
    });
    for (const { text, ratio } of ratios) expect(ratio, text).toBeGreaterThanOrEqual(4.5);
    await page.context().close();
  });
});
