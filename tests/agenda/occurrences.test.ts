import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { AgendaEvent, Occurrence } from "../../src/agenda/model.ts";
import { MAX_OCCURRENCES, nextOccurrence, occurrencesBetween } from "../../src/agenda/occurrences.ts";
import { parseWhen } from "../../src/agenda/parse-when.ts";

const PARIS = "Europe/Paris";

function at(iso: string, zone = PARIS): number {
  return DateTime.fromISO(iso, { zone }).toMillis();
}

function event(fields: Partial<AgendaEvent> & Pick<AgendaEvent, "startsAt" | "endsAt">): AgendaEvent {
  return {
    id: 1,
    roomId: "!asso:example.org",
    number: 1,
    uid: "minou-1@example.org",
    title: "Chorale",
    location: null,
    description: null,
    allDay: false,
    timeZone: PARIS,
    rrule: null,
    exceptions: [],
    status: "confirmed",
    isPublic: false,
    sequence: 0,
    createdBy: "@ana:example.org",
    createdAt: 0,
    updatedAt: 0,
    ...fields,
  };
}

/** Weekly on Tuesday 18:00–19:30 Paris, from 17 March 2026 (the Tuesday before the spring change). */
const choir = event({ startsAt: at("2026-03-17T18:00"), endsAt: at("2026-03-17T19:30"), rrule: "FREQ=WEEKLY;BYDAY=TU" });

function local(occurrences: readonly Occurrence[], zone = PARIS): string[] {
  return occurrences.map((occurrence) => {
    const start = DateTime.fromMillis(occurrence.startsAt, { zone }).toFormat("yyyy-MM-dd HH:mm");
    const end = DateTime.fromMillis(occurrence.endsAt, { zone }).toFormat("HH:mm");
    return `${start}–${end}${occurrence.cancelled ? " (annulé)" : ""}`;
  });
}

describe("occurrencesBetween for one-off events", () => {
  const party = event({ startsAt: at("2026-12-12T20:00"), endsAt: at("2026-12-12T23:00") });

  it("yields the event when it overlaps the window, even partly", () => {
    expect(local(occurrencesBetween(party, at("2026-12-01"), at("2027-01-01")))).toEqual(["2026-12-12 20:00–23:00"]);
    expect(occurrencesBetween(party, at("2026-12-12T22:00"), at("2026-12-13"))).toHaveLength(1);
    expect(occurrencesBetween(party, at("2026-12-12T23:00"), at("2026-12-13"))).toHaveLength(0);
    expect(occurrencesBetween(party, at("2026-12-01"), at("2026-12-12T20:00"))).toHaveLength(0);
  });

  it("flags a cancelled event rather than hiding it", () => {
    const cancelled = { ...party, status: "cancelled" as const };
    expect(local(occurrencesBetween(cancelled, at("2026-12-01"), at("2027-01-01")))).toEqual(["2026-12-12 20:00–23:00 (annulé)"]);
  });
});

describe("occurrencesBetween keeps wall-clock time across daylight saving time", () => {
  it("in March: 18:00 stays 18:00 when Paris moves to summer time on 29 March", () => {
    const found = occurrencesBetween(choir, at("2026-03-16"), at("2026-04-08"));
    expect(local(found)).toEqual(["2026-03-17 18:00–19:30", "2026-03-24 18:00–19:30", "2026-03-31 18:00–19:30", "2026-04-07 18:00–19:30"]);
    expect(found.map((occurrence) => new Date(occurrence.startsAt).toISOString().slice(11, 16))).toEqual([
      "17:00",
      "17:00",
      "16:00",
      "16:00",
    ]);
  });

  it("in October: 18:00 stays 18:00 when Paris returns to winter time on 25 October", () => {
    const found = occurrencesBetween(choir, at("2026-10-19"), at("2026-11-01"));
    expect(local(found)).toEqual(["2026-10-20 18:00–19:30", "2026-10-27 18:00–19:30"]);
    expect(found.map((occurrence) => occurrence.startsAt)).toEqual([Date.UTC(2026, 9, 20, 16), Date.UTC(2026, 9, 27, 17)]);
  });

  it("keeps all-day events on local midnights, 23 and 25 hours long on change days", () => {
    const market = event({ startsAt: at("2026-03-22"), endsAt: at("2026-03-23"), allDay: true, rrule: "FREQ=WEEKLY;BYDAY=SU" });
    const found = occurrencesBetween(market, at("2026-03-20"), at("2026-04-01"));
    expect(local(found)).toEqual(["2026-03-22 00:00–00:00", "2026-03-29 00:00–00:00"]);
    expect(found.map((occurrence) => (occurrence.endsAt - occurrence.startsAt) / 3_600_000)).toEqual([24, 23]);
    const october = occurrencesBetween(market, at("2026-10-24"), at("2026-10-26"));
    expect(october.map((occurrence) => (occurrence.endsAt - occurrence.startsAt) / 3_600_000)).toEqual([25]);
  });

  it("does the same in a zone without DST and far from UTC (Nouméa)", () => {
    const noumea = "Pacific/Noumea";
    const club = event({ timeZone: noumea, startsAt: at("2026-12-01T18:00", noumea), endsAt: at("2026-12-01T19:00", noumea), rrule: "FREQ=WEEKLY;BYDAY=TU" });
    const found = occurrencesBetween(club, at("2026-12-01", noumea), at("2026-12-16", noumea));
    expect(local(found, noumea)).toEqual(["2026-12-01 18:00–19:00", "2026-12-08 18:00–19:00", "2026-12-15 18:00–19:00"]);
    // 18:00 in Nouméa is 07:00 UTC the same day: the Tuesday is Nouméa's, not UTC's Monday.
    expect(found[0]?.startsAt).toBe(Date.UTC(2026, 11, 1, 7));
  });
});

describe("occurrencesBetween follows the rule", () => {
  it("stops at UNTIL, inclusive of the last local day", () => {
    const limited = { ...choir, rrule: "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331T215959Z" };
    expect(local(occurrencesBetween(limited, at("2026-03-01"), at("2026-05-01")))).toEqual([
      "2026-03-17 18:00–19:30",
      "2026-03-24 18:00–19:30",
      "2026-03-31 18:00–19:30",
    ]);
  });

  it("reads a DATE-only UNTIL as the whole day", () => {
    const limited = { ...choir, rrule: "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331" };
    expect(occurrencesBetween(limited, at("2026-03-01"), at("2026-05-01"))).toHaveLength(3);
  });

  it("expands monthly, fortnightly and daily rules", () => {
    const board = event({ startsAt: at("2026-12-07T20:00"), endsAt: at("2026-12-07T21:00"), rrule: "FREQ=MONTHLY;BYDAY=1MO" });
    expect(local(occurrencesBetween(board, at("2026-12-01"), at("2027-04-01")))).toEqual([
      "2026-12-07 20:00–21:00",
      "2027-01-04 20:00–21:00",
      "2027-02-01 20:00–21:00",
      "2027-03-01 20:00–21:00",
    ]);
    const bikes = event({ startsAt: at("2026-11-26T19:00"), endsAt: at("2026-11-26T20:00"), rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH" });
    expect(local(occurrencesBetween(bikes, at("2026-11-20"), at("2026-12-25")))).toEqual([
      "2026-11-26 19:00–20:00",
      "2026-12-10 19:00–20:00",
      "2026-12-24 19:00–20:00",
    ]);
    const coffee = event({ startsAt: at("2026-11-27T08:00"), endsAt: at("2026-11-27T09:00"), rrule: "FREQ=DAILY" });
    expect(occurrencesBetween(coffee, at("2026-11-01"), at("2026-12-01"))).toHaveLength(4);
  });

  it("counts the first start as an occurrence even when the rule would skip it (RFC 5545)", () => {
    const imported = { ...choir, startsAt: at("2026-03-19T18:00"), endsAt: at("2026-03-19T19:30") };
    expect(local(occurrencesBetween(imported, at("2026-03-16"), at("2026-03-25")))).toEqual(["2026-03-19 18:00–19:30", "2026-03-24 18:00–19:30"]);
  });

  it("includes an occurrence that started before the window and is still going", () => {
    expect(local(occurrencesBetween(choir, at("2026-03-24T19:00"), at("2026-03-24T20:00")))).toEqual(["2026-03-24 18:00–19:30"]);
  });

  it("bounds an endless rule by the window and by MAX_OCCURRENCES", () => {
    const coffee = event({ startsAt: at("2026-01-01T08:00"), endsAt: at("2026-01-01T09:00"), rrule: "FREQ=DAILY" });
    // How fast: npm run bench:ical ("endless daily rule").
    expect(occurrencesBetween(coffee, at("2026-01-01"), at("2126-01-01"))).toHaveLength(MAX_OCCURRENCES);
    expect(occurrencesBetween(coffee, at("2026-01-02"), at("2026-01-01"))).toEqual([]);
  });

  it("starts from the event's first occurrence, as parseWhen gave it", () => {
    const result = parseWhen("tous les mardis à 18h Chorale", {
      now: at("2026-03-16T10:00"),
      timeZone: PARIS,
      language: "fr",
      defaultDurationMinutes: 90,
    });
    if (!result.ok) throw new Error(result.problem.kind);
    const parsed = event({ ...result.when });
    expect(occurrencesBetween(parsed, at("2026-03-01"), at("2026-04-01")).map((occurrence) => occurrence.startsAt)).toEqual(
      occurrencesBetween(choir, at("2026-03-01"), at("2026-04-01")).map((occurrence) => occurrence.startsAt),
    );
  });
});

describe("occurrencesBetween applies exceptions", () => {
  const second = at("2026-03-24T18:00");
  const third = at("2026-03-31T18:00");
  const withExceptions = {
    ...choir,
    exceptions: [
      { originalStart: second, cancelled: true },
      { originalStart: third, cancelled: false, startsAt: at("2026-04-02T20:00"), endsAt: at("2026-04-02T22:00") },
    ],
  };

  it("flags cancelled occurrences and shows moved ones at their new time", () => {
    const found = occurrencesBetween(withExceptions, at("2026-03-16"), at("2026-04-08"));
    expect(local(found)).toEqual([
      "2026-03-17 18:00–19:30",
      "2026-03-24 18:00–19:30 (annulé)",
      "2026-04-02 20:00–22:00",
      "2026-04-07 18:00–19:30",
    ]);
    expect(found[2]?.originalStart).toBe(third);
  });

  it("finds an occurrence moved into the window from far away, and drops one moved out", () => {
    const movedFar = {
      ...choir,
      exceptions: [{ originalStart: at("2026-06-02T18:00"), cancelled: false, startsAt: at("2026-03-19T18:00") }],
    };
    expect(local(occurrencesBetween(movedFar, at("2026-03-18"), at("2026-03-20")))).toEqual(["2026-03-19 18:00–19:30"]);
    expect(occurrencesBetween(movedFar, at("2026-06-01"), at("2026-06-03"))).toEqual([]);
  });

  it("ignores an exception for a start the rule never had", () => {
    const stray = { ...choir, exceptions: [{ originalStart: at("2026-06-03T18:00"), cancelled: false, startsAt: at("2026-03-19T18:00") }] };
    expect(occurrencesBetween(stray, at("2026-03-18"), at("2026-03-20"))).toEqual([]);
  });

  it("flags every occurrence of a cancelled event", () => {
    const cancelled = { ...withExceptions, status: "cancelled" as const };
    expect(occurrencesBetween(cancelled, at("2026-03-16"), at("2026-04-08")).every((occurrence) => occurrence.cancelled)).toBe(true);
  });
});

describe("nextOccurrence", () => {
  it("is the first occurrence starting at or after the instant", () => {
    expect(nextOccurrence(choir, at("2026-03-17T18:00"))?.startsAt).toBe(at("2026-03-17T18:00"));
    expect(nextOccurrence(choir, at("2026-03-17T18:01"))?.startsAt).toBe(at("2026-03-24T18:00"));
    expect(nextOccurrence(choir, at("2030-01-01"))?.startsAt).toBe(at("2030-01-01T18:00"));
  });

  it("takes exceptions into account and flags a cancelled next occurrence", () => {
    const exceptions = [
      { originalStart: at("2026-03-24T18:00"), cancelled: true },
      { originalStart: at("2026-03-31T18:00"), cancelled: false, startsAt: at("2026-03-26T18:00") },
    ];
    const changed = { ...choir, exceptions };
    expect(nextOccurrence(changed, at("2026-03-18"))).toMatchObject({ startsAt: at("2026-03-24T18:00"), cancelled: true });
    expect(nextOccurrence(changed, at("2026-03-25"))).toMatchObject({ startsAt: at("2026-03-26T18:00"), originalStart: at("2026-03-31T18:00") });
  });

  it("finds yearly events and nothing once a rule or a one-off is over", () => {
    const birthday = event({ startsAt: at("2026-12-12T20:00"), endsAt: at("2026-12-12T23:00"), rrule: "FREQ=YEARLY" });
    expect(nextOccurrence(birthday, at("2026-12-13"))?.startsAt).toBe(at("2027-12-12T20:00"));
    const ended = { ...choir, rrule: "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331T215959Z" };
    expect(nextOccurrence(ended, at("2026-04-01"))).toBeUndefined();
    const party = event({ startsAt: at("2026-12-12T20:00"), endsAt: at("2026-12-12T23:00") });
    expect(nextOccurrence(party, at("2026-12-01"))?.startsAt).toBe(at("2026-12-12T20:00"));
    expect(nextOccurrence(party, at("2026-12-12T20:01"))).toBeUndefined();
  });
});
