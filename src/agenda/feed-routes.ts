import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { DateTime } from "luxon";
import { INTERNAL_ERROR, NOT_FOUND, type HttpResponse, type Route } from "../http/server.ts";
import { plainText } from "../i18n/catalog.ts";
import { localeOf, type Language } from "../i18n/language.ts";
import type { Logger } from "../log.ts";
import { isTrainingSession } from "../trainings/as-agenda-event.ts";
import { renderFeed } from "./ical-feed.ts";
import type { AgendaEvent, Occurrence } from "./model.ts";
import { occurrencesBetween } from "./occurrences.ts";
import { longDay, longDayWithoutYear } from "./parse-when/describe.ts";

export interface AgendaSource {
  /** The room behind a feed token, or undefined (unknown or revoked). */
  roomForToken(token: string): { roomId: string; name: string | null; language: Language; timeZone: string } | undefined;
  roomEvents(roomId: string): readonly AgendaEvent[];
  publicEvents(): readonly AgendaEvent[];
  /** Who organises each room's events, by room id: the association's name as registered, else the room's name. */
  organisers(): ReadonlyMap<string, string>;
  /** Changes whenever the room's agenda (or the public agenda, for roomId null) changes: the render cache key. */
  version(roomId: string | null): string;
}

export interface AgendaRouteOptions {
  /** Where the reverse proxy publishes Minou, e.g. https://minou.centre.example (a path prefix is fine). */
  publicBaseUrl: string;
  centreName: string;
  now: () => number;
  /** Route failures are logged here with the route's pattern, never the path: paths hold tokens. */
  log?: Logger;
}

type Room = NonNullable<ReturnType<AgendaSource["roomForToken"]>>;

/** 128 random bits in base64url, as the token store makes them. Anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22}$/u;
const PAGE_DAYS = 60;
const PAGE_MAX_OCCURRENCES = 50;
/** Subscribed apps poll every few minutes to hours; an ETag makes most polls a 304. */
const MAX_AGE_SECONDS = 300;


export function agendaRoutes(source: AgendaSource, options: AgendaRouteOptions): Route[] {
  const feeds = new FeedCache();
  const roomFor = (token: string | undefined): Room | undefined =>
    token !== undefined && TOKEN_SHAPE.test(token) ? source.roomForToken(token) : undefined;
  const guarded = (pattern: string, handle: (request: IncomingMessage, token: string | undefined) => HttpResponse): Route["handle"] =>
    (request, match) => {
      try {
        return handle(request, match?.[1]);
      } catch (error) {
        // The server would log the request's path, token included.
        options.log?.error("Agenda route failed", { route: pattern, error });
        return INTERNAL_ERROR;
      }
    };

  // Training sessions are the centre's own; every other event is its room's association's.
  const organiserIn =
    (organisers: ReadonlyMap<string, string>) =>
    (event: AgendaEvent): string | undefined =>
      isTrainingSession(event) ? options.centreName : organisers.get(event.roomId);

  return [
    {
      path: "/feeds/public.ics",
      handle: guarded("/feeds/public.ics", (request) => {
        const organisers = source.organisers();
        // A renamed association changes the feed as much as a changed event does.
        const key = [source.version(null), ...[...organisers].flat()].join("\u0000");
        const feed = feeds.get("public", key, () => {
          const events = source.publicEvents();
          return renderFeed({ name: plainText(PUBLIC_LANGUAGE, "agenda.page.publicCalendarName", { centre: options.centreName }), timeZone: commonZone(events), events, organiser: organiserIn(organisers) }, options.now());
        });
        return feedResponse(request, feed, { cacheControl: "public", filename: `agenda-${slug(options.centreName)}.ics` });
      }),
    },
    {
      path: /^\/feeds\/([^/]+)\.ics$/u,
      handle: guarded("/feeds/<token>.ics", (request, token) => {
        const room = roomFor(token);
        if (room === undefined) return NOT_FOUND;
        const name = room.name ?? plainText(room.language, "agenda.page.unnamedRoom");
        const organisers = source.organisers();
        const key = [source.version(room.roomId), name, organisers.get(room.roomId) ?? "", room.timeZone, room.language].join("\u0000");
        const feed = feeds.get(`room ${room.roomId}`, key, () =>
          renderFeed(
            {
              name,
              description: plainText(room.language, "agenda.page.calendarDescription", { room: name, centre: options.centreName }),
              timeZone: room.timeZone,
              events: source.roomEvents(room.roomId),
              roomUrl: (event) => `https://matrix.to/#/${encodeURI(event.roomId)}`,
              organiser: organiserIn(organisers),
            },
            options.now(),
          ),
        );
        return feedResponse(request, feed, { cacheControl: "private", filename: `agenda-${slug(name)}.ics`, secret: true });
      }),
    },
    {
      path: "/agenda",
      handle: guarded("/agenda", (request) => {
        const events = source.publicEvents();
        const page = renderPage({
          language: PUBLIC_LANGUAGE,
          heading: plainText(PUBLIC_LANGUAGE, "agenda.page.publicHeading"),
          centreName: options.centreName,
          timeZone: commonZone(events),
          occurrences: comingOccurrences(events, options.now()),
          organiser: organiserIn(source.organisers()),
          feedUrl: absoluteUrl(options.publicBaseUrl, "feeds/public.ics"),
          downloadHref: "feeds/public.ics?download=1",
        });
        return pageResponse(request, page, "public");
      }),
    },
    {
      path: /^\/agenda\/([^/]+)$/u,
      handle: guarded("/agenda/<token>", (request, token) => {
        const room = roomFor(token);
        if (room === undefined || token === undefined) return NOT_FOUND;
        const page = renderPage({
          language: room.language,
          heading: plainText(room.language, "agenda.page.roomHeading", { room: room.name ?? plainText(room.language, "agenda.page.unnamedRoom") }),
          centreName: options.centreName,
          timeZone: room.timeZone,
          occurrences: comingOccurrences(source.roomEvents(room.roomId), options.now()),
          organiser: organiserIn(source.organisers()),
          feedUrl: absoluteUrl(options.publicBaseUrl, `feeds/${token}.ics`),
          // Relative to /agenda/<token>, so it works under any path prefix the proxy adds.
          downloadHref: `../feeds/${token}.ics?download=1`,
        });
        return pageResponse(request, page, "private");
      }),
    },
  ];
}

interface RenderedFeed {
  /** Encoded once: re-encoding a few hundred KiB of text on every poll would halve the request rate. */
  readonly body: Buffer;
  readonly etag: string;
}

/** One rendered feed per room (or the public one), replaced when its key (the agenda's version) changes. */
class FeedCache {
  private readonly entries = new Map<string, { key: string; feed: RenderedFeed }>();

  get(slot: string, key: string, render: () => string): RenderedFeed {
    const cached = this.entries.get(slot);
    if (cached !== undefined && cached.key === key) return cached.feed;
    const body = Buffer.from(render());
    const feed = { body, etag: strongEtag(body) };
    this.entries.set(slot, { key, feed });
    return feed;
  }
}

function feedResponse(
  request: IncomingMessage,
  feed: RenderedFeed,
  how: { cacheControl: "public" | "private"; filename: string; secret?: boolean },
): HttpResponse {
  const download = new URL(request.url ?? "/", "http://localhost").searchParams.get("download") === "1";
  const headers = {
    etag: feed.etag,
    "cache-control": `${how.cacheControl}, max-age=${MAX_AGE_SECONDS}`,
    ...(how.secret === true ? { "x-robots-tag": "noindex, nofollow" } : {}),
  };
  if (matchesEtag(request, feed.etag)) return { status: 304, headers, body: "" };
  return {
    status: 200,
    headers: {
      ...headers,
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `${download ? "attachment" : "inline"}; filename="${how.filename}"`,
    },
    body: feed.body,
  };
}

function pageResponse(request: IncomingMessage, page: string, cacheControl: "public" | "private"): HttpResponse {
  const etag = strongEtag(page);
  const headers = {
    etag,
    "cache-control": `${cacheControl}, max-age=${MAX_AGE_SECONDS}`,
    "content-security-policy": CONTENT_SECURITY_POLICY,
    ...(cacheControl === "private" ? { "x-robots-tag": "noindex, nofollow" } : {}),
  };
  if (matchesEtag(request, etag)) return { status: 304, headers, body: "" };
  return { status: 200, headers: { ...headers, "content-type": "text/html; charset=utf-8" }, body: page };
}

function strongEtag(body: string | Buffer): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): a W/ prefix doesn't matter. */
function matchesEtag(request: IncomingMessage, etag: string): boolean {
  const header = request.headers["if-none-match"];
  if (header === undefined) return false;
  return header.split(",").some((candidate) => {
    const tag = candidate.trim();
    return tag === "*" || tag.replace(/^W\//u, "") === etag;
  });
}

function comingOccurrences(events: readonly AgendaEvent[], now: number): Occurrence[] {
  const until = now + PAGE_DAYS * 86_400_000;
  return events
    .flatMap((event) => occurrencesBetween(event, now, until))
    .sort((a, b) => a.startsAt - b.startsAt || a.event.title.localeCompare(b.event.title))
    .slice(0, PAGE_MAX_OCCURRENCES);
}

/** The zone most public events were entered in: the public agenda has no room to take one from. */
function commonZone(events: readonly AgendaEvent[]): string {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.timeZone, (counts.get(event.timeZone) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "Europe/Paris";
}

function absoluteUrl(base: string, path: string): string {
  return new URL(path, base.endsWith("/") ? base : `${base}/`).href;
}

function slug(text: string): string {
  const ascii = text.normalize("NFD").replace(/[^A-Za-z0-9]+/gu, "-").replace(/^-|-$/gu, "").toLowerCase();
  return ascii.slice(0, 60) || "agenda";
}

// ---- The HTML page ----

/** The public agenda and its feed are the centre's, in its reference language. */
const PUBLIC_LANGUAGE: Language = "fr";

/** Contrast: every text/background pair is at least 7:1 (WCAG AAA), in light and dark schemes. */
const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1b;--muted:#474747;--accent:#0b4f8a;--on-accent:#fff;--card:#f3f5f7;--line:#c9d1d9;--warn:#8f1409}
@media (prefers-color-scheme:dark){:root{--bg:#121417;--fg:#eceff1;--muted:#c5cbd0;--accent:#9ccbff;--on-accent:#0b1a2a;--card:#1e2227;--line:#3b424a;--warn:#ffb4a8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
.wrap{max-width:46rem;margin:0 auto;padding:1rem 1rem 2rem}
header{padding-bottom:.5rem;border-bottom:1px solid var(--line)}
.centre{margin:0;color:var(--muted);font-size:.95rem}
h1{font-size:1.65rem;line-height:1.25;margin:.25rem 0 1rem}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.75rem;margin:0 0 .75rem;padding:0}
nav a{display:inline-flex;align-items:center;min-height:48px;padding:.5rem 1.15rem;border:2px solid var(--accent);border-radius:.5rem;color:var(--accent);font-weight:650;text-decoration:none}
nav a.primary{background:var(--accent);color:var(--on-accent)}
a:focus-visible{outline:3px solid var(--fg);outline-offset:3px}
.feed-url{margin:0 0 .5rem;color:var(--muted);font-size:.95rem}
.feed-url code{display:block;overflow-wrap:anywhere;color:var(--fg);user-select:all}
h2{font-size:1.2rem;margin:1.75rem 0 .5rem;padding-bottom:.25rem;border-bottom:2px solid var(--line)}
ol{list-style:none;margin:0;padding:0}
.event{background:var(--card);border-radius:.5rem;padding:.75rem 1rem;margin:.6rem 0}
.event h3{font-size:1.1rem;margin:0}
.event p{margin:.2rem 0}
.when{font-weight:650}
.label{color:var(--muted)}
.description{white-space:pre-line}
.cancelled h3,.cancelled .when{text-decoration:line-through}
.badge{display:inline-block;margin:.1rem 0 .3rem;padding:0 .5rem;border:2px solid var(--warn);border-radius:.35rem;color:var(--warn);font-weight:700}
footer{margin-top:2rem;padding-top:.75rem;border-top:1px solid var(--line);color:var(--muted);font-size:.95rem}
`;

/** Nothing but this stylesheet may load or run: no scripts, images, fonts, frames or forms. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

interface PageInput {
  language: Language;
  heading: string;
  centreName: string;
  timeZone: string;
  occurrences: readonly Occurrence[];
  organiser: (event: AgendaEvent) => string | undefined;
  feedUrl: string;
  downloadHref: string;
}

function renderPage(page: PageInput): string {
  const { language } = page;
  const days = new Map<string, { title: string; occurrences: Occurrence[] }>();
  for (const occurrence of page.occurrences) {
    const start = startOf(occurrence, page.timeZone).setLocale(localeOf(language));
    const day = start.toISODate() ?? "";
    const group = days.get(day) ?? { title: capitalize(longDay(start, language)), occurrences: [] };
    group.occurrences.push(occurrence);
    days.set(day, group);
  }
  const sections = [...days].map(([day, { title, occurrences }], index) => {
    return `<section aria-labelledby="day-${index}"><h2 id="day-${index}"><time datetime="${day}">${escapeHtml(title)}</time></h2>
<ol>${occurrences.map((occurrence) => renderOccurrence(occurrence, page)).join("")}</ol></section>`;
  });
  const webcalUrl = page.feedUrl.replace(/^https?:/u, "webcal:");
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(plainText(language, "agenda.page.title", { heading: page.heading, centre: page.centreName }))}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="wrap">
<header>
<p class="centre">${escapeHtml(page.centreName)}</p>
<h1>${escapeHtml(page.heading)}</h1>
<nav aria-label="${escapeHtml(plainText(language, "agenda.page.subscription"))}">
<ul>
<li><a class="primary" href="${escapeHtml(webcalUrl)}">${escapeHtml(plainText(language, "agenda.page.subscribe"))}</a></li>
<li><a href="${escapeHtml(page.downloadHref)}" download>${escapeHtml(plainText(language, "agenda.page.download"))}</a></li>
</ul>
<p class="feed-url">${escapeHtml(plainText(language, "agenda.page.copyAddress"))} <code>${escapeHtml(page.feedUrl)}</code></p>
</nav>
</header>
<main>
${sections.length === 0 ? `<p>${escapeHtml(plainText(language, "agenda.page.nothing", { days: PAGE_DAYS }))}</p>` : sections.join("\n")}
</main>
<footer><p>${escapeHtml(plainText(language, "agenda.page.zoneNote", { zone: page.timeZone, count: PAGE_MAX_OCCURRENCES, days: PAGE_DAYS }))}</p></footer>
</div>
</body>
</html>
`;
}

function renderOccurrence(occurrence: Occurrence, page: PageInput): string {
  const { event } = occurrence;
  const { language } = page;
  const cancelled = occurrence.cancelled || event.status === "cancelled";
  const parts = [`<h3>${escapeHtml(event.title)}</h3>`];
  if (cancelled) parts.push(`<p class="badge">${escapeHtml(plainText(language, "agenda.page.cancelled"))}</p>`);
  parts.push(`<p class="when">${timeRange(occurrence, page)}</p>`);
  const organiser = page.organiser(event);
  if (organiser !== undefined && organiser.trim() !== "") {
    parts.push(`<p class="organiser"><span class="label">${escapeHtml(plainText(language, "agenda.page.organiser"))}</span> ${escapeHtml(organiser)}</p>`);
  }
  if (event.location !== null && event.location.trim() !== "") {
    parts.push(`<p><span class="label">${escapeHtml(plainText(language, "agenda.page.place"))}</span> ${escapeHtml(event.location)}</p>`);
  }
  if (event.description !== null && event.description.trim() !== "") {
    parts.push(`<p class="description">${escapeHtml(event.description.trim())}</p>`);
  }
  return `<li class="event${cancelled ? " cancelled" : ""}">${parts.join("")}</li>`;
}

function timeRange(occurrence: Occurrence, page: PageInput): string {
  const locale = localeOf(page.language);
  if (occurrence.event.allDay) {
    const first = startOf(occurrence, page.timeZone);
    // endsAt is the midnight after the last day.
    const last = DateTime.fromMillis(occurrence.endsAt, { zone: occurrence.event.timeZone }).minus({ days: 1 }).setLocale(locale);
    if (last.toMillis() <= first.toMillis()) return escapeHtml(plainText(page.language, "agenda.page.allDay"));
    return escapeHtml(plainText(page.language, "agenda.page.until", { day: longDayWithoutYear(last, page.language) }));
  }
  const start = DateTime.fromMillis(occurrence.startsAt, { zone: page.timeZone, locale });
  const end = DateTime.fromMillis(occurrence.endsAt, { zone: page.timeZone, locale });
  const endText = end.hasSame(start, "day") ? end.toFormat("HH:mm") : end.toFormat("ccc d LLL, HH:mm");
  return `<time datetime="${start.toISO() ?? ""}">${start.toFormat("HH:mm")}</time> – <time datetime="${end.toISO() ?? ""}">${escapeHtml(endText)}</time>`;
}

/** All-day occurrences keep their own calendar date; timed ones are shown in the page's zone. */
function startOf(occurrence: Occurrence, pageZone: string): DateTime {
  const zone = occurrence.event.allDay ? occurrence.event.timeZone : pageZone;
  return DateTime.fromMillis(occurrence.startsAt, { zone });
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase("fr-FR") + text.slice(1);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (character) => `&#${character.charCodeAt(0)};`);
}
