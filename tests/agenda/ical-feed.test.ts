import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { renderFeed, type FeedCalendar } from "../../src/agenda/ical-feed.ts";
import type { AgendaEvent } from "../../src/agenda/model.ts";

/*
 * Every feed is read back with ical.js, as a calendar app would. Process-zone independence is
 * checked twice: the child-process test below renders under other TZ values, and the whole file
 * also passes under `TZ=Pacific/Auckland npx vitest run tests/agenda/ical-feed.test.ts`.
 */

const NOW = Date.UTC(2026, 2, 1, 9, 30);
const local = (zone: string, year: number, month: number, day: number, hour = 0, minute = 0): number =>
  DateTime.fromObject({ year, month, day, hour, minute }, { zone }).toMillis();
const paris = (month: number, day: number, hour = 0, minute = 0): number => local("Europe/Paris", 2026, month, day, hour, minute);

let nextId = 1;
function agendaEvent(fields: Partial<AgendaEvent> & Pick<AgendaEvent, "title" | "startsAt" | "endsAt">): AgendaEvent {
  const id = nextId++;
  return {
    id, roomId: "!club:centre.example", number: id, uid: `event-${id}@minou.centre.example`,
    location: null, description: null, allDay: false, timeZone: "Europe/Paris", rrule: null, exceptions: [],
    status: "confirmed", isPublic: false, sequence: 0, createdBy: "@alice:centre.example",
    createdAt: Date.UTC(2026, 0, 10, 8), updatedAt: Date.UTC(2026, 1, 2, 14, 5),
    ...fields,
  };
}

const calendarOf = (events: AgendaEvent[], extra: Partial<FeedCalendar> = {}): FeedCalendar => ({ name: "Club tricot", timeZone: "Europe/Paris", events, ...extra });

/** Parses a feed, registers its VTIMEZONEs and gives its VEVENTs. */
function parse(feed: string): { calendar: ICAL.Component; vevents: ICAL.Component[] } {
  const calendar = new ICAL.Component(ICAL.parse(feed));
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(vtimezone);
  return { calendar, vevents: calendar.getAllSubcomponents("vevent") };
}

function only(feed: string, uid: string): ICAL.Event[] {
  return parse(feed).vevents.map((vevent) => new ICAL.Event(vevent)).filter((event) => event.uid === uid);
}

/** The occurrences' starts as ical.js expands them, overrides applied. */
function expand(master: ICAL.Event, limit = 500): ICAL.Time[] {
  const iterator = master.iterator();
  const starts: ICAL.Time[] = [];
  for (let next = iterator.next(); next && starts.length < limit; next = iterator.next()) starts.push(master.getOccurrenceDetails(next).startDate);
  return starts;
}

const instant = (time: ICAL.Time): number => time.toJSDate().getTime();
const wallClock = (time: ICAL.Time): string => `${time.toString()} ${time.zone?.tzid ?? ""}`;

describe("renderFeed", () => {
  const evening = (month: number, day: number): AgendaEvent =>
    agendaEvent({ title: `Soirée ${day}/${month}`, startsAt: paris(month, day, 18), endsAt: paris(month, day, 20) });

  it("writes Europe/Paris local times with a TZID on both sides of the spring and autumn changes", () => {
    const events = [evening(3, 28), evening(3, 30), evening(10, 24), evening(10, 26)];
    const feed = renderFeed(calendarOf(events), NOW);
    const expected: Array<[AgendaEvent, string]> = [
      [events[0]!, "2026-03-28T17:00:00.000Z"], [events[1]!, "2026-03-30T16:00:00.000Z"],
      [events[2]!, "2026-10-24T16:00:00.000Z"], [events[3]!, "2026-10-26T17:00:00.000Z"],
    ];
    for (const [source, utc] of expected) {
      const [event] = only(feed, source.uid);
      expect(event?.startDate.zone?.tzid).toBe("Europe/Paris");
      expect(event?.startDate.hour).toBe(18);
      expect(new Date(instant(event!.startDate)).toISOString()).toBe(utc);
      expect(instant(event!.endDate)).toBe(source.endsAt);
    }
    expect(feed).toContain("DTSTART;TZID=Europe/Paris:20260328T180000\r\n");
    expect(feed).toContain("DTSTART;TZID=Europe/Paris:20261026T180000\r\n");
  });

  it("keeps a weekly 18:00 event at 18:00 local when ical.js expands it across both DST changes", () => {
    const weekly = agendaEvent({ title: "Tricot", startsAt: paris(3, 17, 18), endsAt: paris(3, 17, 20), rrule: "FREQ=WEEKLY;BYDAY=TU;COUNT=40" });
    const [event] = only(renderFeed(calendarOf([weekly]), NOW), weekly.uid);
    const starts = expand(event!);
    expect(starts).toHaveLength(40);
    for (const start of starts) {
      expect(start.hour).toBe(18);
      expect(DateTime.fromMillis(instant(start), { zone: "Europe/Paris" }).toFormat("HH:mm ccc")).toBe("18:00 Tue");
    }
    const utcHours = starts.map((start) => new Date(instant(start)).getUTCHours());
    expect(utcHours.slice(0, 3)).toEqual([17, 17, 16]); // 17 and 24 March in winter time, 31 March in summer time
    expect(utcHours.at(-1)).toBe(17); // 15 December: winter time again
  });

  it("excludes a cancelled occurrence with EXDATE and replaces a moved one with a RECURRENCE-ID override", () => {
    const weekly = agendaEvent({
      title: "Tricot", startsAt: paris(3, 24, 18), endsAt: paris(3, 24, 20), rrule: "FREQ=WEEKLY;UNTIL=20260505T215959Z", sequence: 3,
      exceptions: [
        { originalStart: paris(4, 7, 18), cancelled: true },
        { originalStart: paris(4, 14, 18), cancelled: false, startsAt: paris(4, 15, 19), endsAt: paris(4, 15, 21) },
      ],
    });
    const feed = renderFeed(calendarOf([weekly]), NOW);
    expect(feed).toContain("EXDATE;TZID=Europe/Paris:20260407T180000\r\n");
    expect(feed).toContain("RECURRENCE-ID;TZID=Europe/Paris:20260414T180000\r\n");
    const [master, override, ...rest] = only(feed, weekly.uid);
    expect(rest).toHaveLength(0);
    expect(override?.isRecurrenceException()).toBe(true);
    expect(override?.sequence).toBe(3);
    master!.relateException(override!);
    const seen = expand(master!).map((start) => DateTime.fromMillis(instant(start), { zone: "Europe/Paris" }).toFormat("dd/LL HH:mm"));
    expect(seen).toEqual(["24/03 18:00", "31/03 18:00", "15/04 19:00", "21/04 18:00", "28/04 18:00", "05/05 18:00"]);
  });

  it("marks cancelled events CANCELLED, others CONFIRMED, and writes SEQUENCE, DTSTAMP, CREATED and LAST-MODIFIED in UTC", () => {
    const kept = agendaEvent({ title: "Assemblée", startsAt: paris(4, 2, 18), endsAt: paris(4, 2, 20), sequence: 2 });
    const dropped = agendaEvent({ title: "Atelier", startsAt: paris(4, 3, 18), endsAt: paris(4, 3, 20), status: "cancelled", sequence: 5 });
    const feed = renderFeed(calendarOf([kept, dropped]), NOW);
    const [keptEvent] = only(feed, kept.uid);
    const [droppedEvent] = only(feed, dropped.uid);
    expect(keptEvent?.component.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(droppedEvent?.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect([keptEvent?.sequence, droppedEvent?.sequence]).toEqual([2, 5]);
    const utcProperty = (name: string): number => instant(keptEvent!.component.getFirstPropertyValue(name) as ICAL.Time);
    expect(utcProperty("dtstamp")).toBe(NOW);
    expect(utcProperty("created")).toBe(kept.createdAt);
    expect(utcProperty("last-modified")).toBe(kept.updatedAt);
    expect(feed).toContain("DTSTAMP:20260301T093000Z\r\n");
    expect(feed).toContain("LAST-MODIFIED:20260202T140500Z\r\n");
  });

  it("keeps the UID across changes, and renders the same input to the same bytes", () => {
    const before = agendaEvent({ title: "Goûter", startsAt: paris(5, 6, 16), endsAt: paris(5, 6, 17) });
    const after = { ...before, title: "Goûter partagé", startsAt: paris(5, 7, 16), endsAt: paris(5, 7, 17), sequence: 1, updatedAt: NOW };
    const [first] = only(renderFeed(calendarOf([before]), NOW), before.uid);
    const [second] = only(renderFeed(calendarOf([after]), NOW + 3_600_000), before.uid);
    expect(second?.uid).toBe(first?.uid);
    expect(second?.sequence).toBe(1);
    expect(renderFeed(calendarOf([before]), NOW)).toBe(renderFeed(calendarOf([before]), NOW));
  });

  it("writes all-day events as VALUE=DATE, with DATE exclusions, UNTIL and RECURRENCE-ID", () => {
    const fete = agendaEvent({
      title: "Fête du quartier", allDay: true, startsAt: paris(6, 20), endsAt: paris(6, 22),
      rrule: "FREQ=YEARLY;UNTIL=20290619T220000Z",
      exceptions: [
        { originalStart: local("Europe/Paris", 2027, 6, 20), cancelled: true },
        { originalStart: local("Europe/Paris", 2028, 6, 20), cancelled: false, startsAt: local("Europe/Paris", 2028, 6, 24), endsAt: local("Europe/Paris", 2028, 6, 26) },
      ],
    });
    const feed = renderFeed(calendarOf([fete]), NOW);
    expect(feed).toContain("DTSTART;VALUE=DATE:20260620\r\nDTEND;VALUE=DATE:20260622\r\n");
    expect(feed).toContain("RRULE:FREQ=YEARLY;UNTIL=20290620\r\nEXDATE;VALUE=DATE:20270620\r\n");
    expect(feed).toContain("RECURRENCE-ID;VALUE=DATE:20280620\r\n");
    const [master, override] = only(feed, fete.uid);
    expect(master?.startDate.isDate).toBe(true);
    master!.relateException(override!);
    expect(expand(master!).map((start) => start.toString())).toEqual(["2026-06-20", "2028-06-24", "2029-06-20"]);
  });

  it("writes another zone in its own TZID (America/Cayenne, UTC-3 all year)", () => {
    const event = agendaEvent({ title: "Réunion Cayenne", timeZone: "America/Cayenne", startsAt: local("America/Cayenne", 2026, 3, 28, 18), endsAt: local("America/Cayenne", 2026, 3, 28, 19) });
    const [parsed] = only(renderFeed(calendarOf([event]), NOW), event.uid);
    expect(wallClock(parsed!.startDate)).toBe("2026-03-28T18:00:00 America/Cayenne");
    expect(new Date(instant(parsed!.startDate)).toISOString()).toBe("2026-03-28T21:00:00.000Z");
  });

  it("has one VTIMEZONE for every TZID used, none pointing to tzurl.org, and the calendar properties first", () => {
    const events = [
      evening(3, 28),
      agendaEvent({ title: "Cayenne", timeZone: "America/Cayenne", startsAt: NOW, endsAt: NOW + 3_600_000 }),
      agendaEvent({ title: "Kyiv", timeZone: "Europe/Kyiv", startsAt: NOW, endsAt: NOW + 3_600_000, rrule: "FREQ=DAILY;COUNT=2", exceptions: [{ originalStart: NOW + 86_400_000, cancelled: true }] }),
      agendaEvent({ title: "UTC", timeZone: "UTC", startsAt: NOW, endsAt: NOW + 3_600_000 }),
    ];
    const feed = renderFeed(calendarOf(events), NOW);
    const used = new Set([...feed.matchAll(/;TZID=([^:;]+)/gu)].map((match) => match[1]));
    const defined = parse(feed).calendar.getAllSubcomponents("vtimezone").map((vtimezone) => vtimezone.getFirstPropertyValue("tzid"));
    expect([...used].sort()).toEqual(["America/Cayenne", "Europe/Kyiv", "Europe/Paris"]);
    expect([...defined].sort()).toEqual([...used].sort());
    expect(feed).not.toMatch(/tzurl/iu);
    expect(feed).toContain("DTSTART:20260301T093000Z\r\n"); // UTC needs no VTIMEZONE
    const [kyiv] = only(feed, events[2]!.uid);
    expect(kyiv?.startDate.zone?.tzid).toBe("Europe/Kyiv");
    expect(instant(kyiv!.startDate)).toBe(NOW);
    const header = feed.slice(0, feed.indexOf("BEGIN:VTIMEZONE"));
    expect(header).toContain("X-WR-CALNAME:Club tricot\r\nX-WR-TIMEZONE:Europe/Paris\r\n");
    expect(header).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n");
  });

  it("writes LOCATION, DESCRIPTION with the extra text, URL, and escapes text; lines are CRLF and folded", () => {
    const event = agendaEvent({
      title: "Repas; partagé, \u0007 <b>", location: "Salle 2, 1er étage; au fond", description: "Apportez un plat.\nMerci !",
      startsAt: paris(4, 2, 12), endsAt: paris(4, 2, 14),
    });
    const feed = renderFeed(
      calendarOf([event], {
        name: "Club; tricot,\nX-INJECTED:1", description: "Les rendez-vous du club",
        roomUrl: (source) => `https://matrix.to/#/${source.roomId}`, extraDescription: () => "Places restantes : 3",
      }),
      NOW,
    );
    const [parsed] = only(feed, event.uid);
    expect(parsed?.summary).toBe("Repas; partagé,  <b>");
    expect(parsed?.location).toBe("Salle 2, 1er étage; au fond");
    expect(parsed?.description).toBe("Apportez un plat.\nMerci !\n\nPlaces restantes : 3");
    expect(parsed?.component.getFirstPropertyValue("url")).toBe("https://matrix.to/#/!club:centre.example");
    // ical.js leaves X- values raw: the escaped form shows the name stayed on its line.
    expect(parse(feed).calendar.getFirstPropertyValue("x-wr-calname")).toBe("Club\\; tricot\\,\\nX-INJECTED:1");
    expect(feed).not.toMatch(/^X-INJECTED/mu);
    expect(feed.replace(/\r\n/gu, "")).not.toMatch(/[\r\n]/u);
    expect(feed.endsWith("END:VCALENDAR\r\n")).toBe(true);
    for (const line of feed.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it("refuses an RRULE that would smuggle lines into the feed", () => {
    const event = agendaEvent({ title: "x", startsAt: NOW, endsAt: NOW + 1, rrule: "FREQ=DAILY\r\nATTACH:http://evil.example" });
    expect(() => renderFeed(calendarOf([event]), NOW)).toThrow(/malformed RRULE/u);
  });

  it("renders the same bytes whatever the process time zone", () => {
    const events = [
      evening(3, 28), evening(10, 26),
      agendaEvent({ title: "Hebdo", startsAt: paris(3, 24, 18), endsAt: paris(3, 24, 20), rrule: "FREQ=WEEKLY;COUNT=10", exceptions: [{ originalStart: paris(4, 7, 18), cancelled: true }, { originalStart: paris(4, 14, 18), cancelled: false, startsAt: paris(4, 14, 20), endsAt: paris(4, 14, 22) }] }),
      agendaEvent({ title: "Journée", allDay: true, startsAt: paris(6, 20), endsAt: paris(6, 21), rrule: "FREQ=YEARLY;COUNT=3", exceptions: [{ originalStart: local("Europe/Paris", 2027, 6, 20), cancelled: true }] }),
      agendaEvent({ title: "Cayenne", timeZone: "America/Cayenne", allDay: true, startsAt: local("America/Cayenne", 2026, 5, 1), endsAt: local("America/Cayenne", 2026, 5, 2) }),
    ];
    const calendar = calendarOf(events);
    const here = renderFeed(calendar, NOW);
    const module = fileURLToPath(new URL("../../src/agenda/ical-feed.ts", import.meta.url));
    const script = `const { renderFeed } = await import(${JSON.stringify(module)});
      const input = JSON.parse(process.env.FEED_INPUT);
      process.stdout.write(new Date(2026, 0, 1).getTimezoneOffset() + "\\n" + renderFeed(input.calendar, input.now));`;
    for (const zone of ["Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata"]) {
      const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        env: { ...process.env, TZ: zone, FEED_INPUT: JSON.stringify({ calendar, now: NOW }) },
        encoding: "utf8",
      });
      const offset = output.slice(0, output.indexOf("\n"));
      expect(offset, `the child really ran in ${zone}`).toBe(String(-DateTime.fromMillis(Date.UTC(2026, 0, 1), { zone }).offset));
      expect(output.slice(offset.length + 1), zone).toBe(here);
    }
  });
});
