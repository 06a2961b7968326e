import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { describeWhen, parseWhen, zoneLabel, type ParsedWhen } from "../../src/agenda/parse-when.ts";

const PARIS = "Europe/Paris";

function at(iso: string, zone = PARIS): number {
  return DateTime.fromISO(iso, { zone }).toMillis();
}

function when(start: string, end: string, fields: Partial<ParsedWhen> = {}, zone = PARIS): ParsedWhen {
  return { startsAt: at(start, zone), endsAt: at(end, zone), allDay: false, rrule: null, ...fields };
}

describe("describeWhen in French", () => {
  it.each<[string, ParsedWhen, string]>([
    ["a timed event", when("2026-12-03T18:30", "2026-12-03T19:30"), "jeudi 3 décembre 2026, 18:30–19:30 (heure de Paris)"],
    ["the first of the month", when("2026-12-01T09:00", "2026-12-01T10:00"), "mardi 1er décembre 2026, 09:00–10:00 (heure de Paris)"],
    ["an event ending at midnight", when("2026-11-28T22:00", "2026-11-29T00:00"), "samedi 28 novembre 2026, 22:00–00:00 (heure de Paris)"],
    [
      "an event over midnight",
      when("2026-11-28T22:00", "2026-11-29T02:00"),
      "du samedi 28 novembre 2026, 22:00 au dimanche 29 novembre 2026, 02:00 (heure de Paris)",
    ],
    ["an all-day event", when("2027-02-13", "2027-02-14", { allDay: true }), "samedi 13 février 2027, toute la journée"],
    ["several days", when("2027-02-14", "2027-02-17", { allDay: true }), "du dimanche 14 février 2027 au mardi 16 février 2027"],
  ])("%s", (_case, value, text) => {
    expect(describeWhen(value, PARIS, "fr")).toBe(text);
  });

  it.each<[string, string]>([
    ["FREQ=WEEKLY;BYDAY=TU", "tous les mardis de 18:00 à 19:00 (heure de Paris), à partir du mardi 1er décembre 2026"],
    [
      "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T215959Z",
      "tous les mardis de 18:00 à 19:00 (heure de Paris), à partir du mardi 1er décembre 2026, jusqu'au 30 juin 2027",
    ],
    ["FREQ=WEEKLY;BYDAY=TU,TH", "tous les mardis et jeudis de 18:00 à 19:00 (heure de Paris), à partir du mardi 1er décembre 2026"],
    ["FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "un mardi sur deux de 18:00 à 19:00 (heure de Paris), à partir du mardi 1er décembre 2026"],
    [
      "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,TH",
      "toutes les trois semaines, le mardi et le jeudi de 18:00 à 19:00 (heure de Paris), à partir du mardi 1er décembre 2026",
    ],
    ["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "du lundi au vendredi de 18:00 à 19:00 (heure de Paris), à partir du mardi 1er décembre 2026"],
    ["FREQ=DAILY", "tous les jours de 18:00 à 19:00 (heure de Paris), à partir du mardi 1er décembre 2026"],
    ["FREQ=DAILY;INTERVAL=2", "tous les deux jours de 18:00 à 19:00 (heure de Paris), à partir du mardi 1er décembre 2026"],
    ["FREQ=MONTHLY;BYDAY=1TU", "le premier mardi de chaque mois de 18:00 à 19:00 (heure de Paris), à partir du mardi 1er décembre 2026"],
    ["FREQ=MONTHLY;BYDAY=-1TU", "le dernier mardi de chaque mois de 18:00 à 19:00 (heure de Paris), à partir du mardi 1er décembre 2026"],
    ["FREQ=MONTHLY;BYMONTHDAY=1", "le 1er de chaque mois de 18:00 à 19:00 (heure de Paris), à partir du mardi 1er décembre 2026"],
    ["FREQ=MONTHLY", "le 1er de chaque mois de 18:00 à 19:00 (heure de Paris), à partir du mardi 1er décembre 2026"],
    ["FREQ=YEARLY", "tous les ans, le 1er décembre de 18:00 à 19:00 (heure de Paris), à partir du mardi 1er décembre 2026"],
    ["FREQ=WEEKLY;BYDAY=TU;COUNT=10", "tous les mardis de 18:00 à 19:00 (heure de Paris), à partir du mardi 1er décembre 2026, 10 fois"],
    ["FREQ=HOURLY", "répété (règle FREQ=HOURLY) de 18:00 à 19:00 (heure de Paris), à partir du mardi 1er décembre 2026"],
  ])("%s", (rrule, text) => {
    expect(describeWhen(when("2026-12-01T18:00", "2026-12-01T19:00", { rrule }), PARIS, "fr")).toBe(text);
  });

  it("describes repeated all-day events", () => {
    const value = when("2026-11-28", "2026-11-29", { allDay: true, rrule: "FREQ=WEEKLY;BYDAY=SA" });
    expect(describeWhen(value, PARIS, "fr")).toBe("tous les samedis, toute la journée, à partir du samedi 28 novembre 2026");
  });
});

describe("describeWhen in English", () => {
  it.each<[ParsedWhen, string]>([
    [when("2026-12-03T18:30", "2026-12-03T19:30"), "Thursday 3 December 2026, 18:30–19:30 (Paris time)"],
    [when("2027-02-13", "2027-02-14", { allDay: true }), "Saturday 13 February 2027, all day"],
    [when("2027-02-14", "2027-02-17", { allDay: true }), "from Sunday 14 February 2027 to Tuesday 16 February 2027"],
    [
      when("2026-12-01T18:00", "2026-12-01T19:00", { rrule: "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T215959Z" }),
      "every Tuesday, 18:00–19:00 (Paris time), starting Tuesday 1 December 2026, until 30 June 2027",
    ],
    [
      when("2026-12-01T18:00", "2026-12-01T19:00", { rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU" }),
      "every other Tuesday, 18:00–19:00 (Paris time), starting Tuesday 1 December 2026",
    ],
    [
      when("2026-12-07T20:00", "2026-12-07T21:00", { rrule: "FREQ=MONTHLY;BYDAY=1MO" }),
      "on the first Monday of every month, 20:00–21:00 (Paris time), starting Monday 7 December 2026",
    ],
    [
      when("2026-12-22T20:00", "2026-12-22T21:00", { rrule: "FREQ=MONTHLY;BYMONTHDAY=22" }),
      "on the 22nd of every month, 20:00–21:00 (Paris time), starting Tuesday 22 December 2026",
    ],
    [
      when("2026-12-12T20:00", "2026-12-12T21:00", { rrule: "FREQ=YEARLY" }),
      "every year on 12 December, 20:00–21:00 (Paris time), starting Saturday 12 December 2026",
    ],
  ])("%j", (value, text) => {
    expect(describeWhen(value, PARIS, "en")).toBe(text);
  });
});

describe("describeWhen shows the room's zone", () => {
  it.each([
    ["Europe/Paris", "heure de Paris", "Paris time"],
    ["America/Cayenne", "heure de Cayenne", "Cayenne time"],
    ["Pacific/Noumea", "heure de Nouméa", "Nouméa time"],
    ["Indian/Reunion", "heure de La Réunion", "Réunion time"],
    ["America/New_York", "heure de New York", "New York time"],
    ["Europe/Amsterdam", "heure d’Amsterdam", "Amsterdam time"],
    ["UTC", "UTC", "UTC"],
  ])("%s", (zone, fr, en) => {
    expect(zoneLabel(zone, "fr")).toBe(fr);
    expect(zoneLabel(zone, "en")).toBe(en);
  });

  it("gives wall times in that zone", () => {
    const noumea = "Pacific/Noumea";
    expect(describeWhen(when("2026-12-03T18:30", "2026-12-03T19:30", {}, noumea), noumea, "fr")).toBe(
      "jeudi 3 décembre 2026, 18:30–19:30 (heure de Nouméa)",
    );
  });
});

describe("describeWhen confirms what parseWhen read", () => {
  it("from the member's words to the confirmation", () => {
    const now = at("2026-11-26T10:00");
    const options = { now, timeZone: PARIS, defaultDurationMinutes: 60 } as const;
    const confirm = (text: string, language: "fr" | "en") => {
      const result = parseWhen(text, { ...options, language });
      return result.ok ? describeWhen(result.when, PARIS, language) : result.problem.kind;
    };
    expect(confirm("jeudi prochain 18h30 Réunion du bureau", "fr")).toBe("jeudi 3 décembre 2026, 18:30–19:30 (heure de Paris)");
    expect(confirm("tous les mardis à 18h Chorale jusqu'au 30 juin", "fr")).toBe(
      "tous les mardis de 18:00 à 19:00 (heure de Paris), à partir du mardi 1er décembre 2026, jusqu'au 30 juin 2027",
    );
    expect(confirm("next Thursday 6:30pm Board meeting", "en")).toBe("Thursday 3 December 2026, 18:30–19:30 (Paris time)");
  });
});
