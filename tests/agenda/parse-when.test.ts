import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { parseWhen, type ParseWhenOptions } from "../../src/agenda/parse-when.ts";

const PARIS = "Europe/Paris";
/** Thursday 26 November 2026, 10:00 in Paris. */
const NOW = DateTime.fromObject({ year: 2026, month: 11, day: 26, hour: 10 }, { zone: PARIS }).toMillis();

function at(iso: string, zone = PARIS): number {
  return DateTime.fromISO(iso, { zone }).toMillis();
}

function parse(text: string, options: Partial<ParseWhenOptions> = {}) {
  return parseWhen(text, { now: NOW, timeZone: PARIS, language: "fr", defaultDurationMinutes: 60, ...options });
}

/** The result in local wall time, so expectations read like the calendar. */
function read(text: string, options: Partial<ParseWhenOptions> = {}) {
  const result = parse(text, options);
  if (!result.ok) return result.problem;
  const zone = options.timeZone ?? PARIS;
  const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd HH:mm");
  const { startsAt, endsAt, allDay, rrule } = result.when;
  return { start: local(startsAt), end: local(endsAt), allDay, rrule, rest: result.rest };
}

describe("parseWhen in French: one-off events", () => {
  it.each([
    ["jeudi prochain 18h30 Réunion du bureau @ Salle des fêtes", "2026-12-03 18:30", "2026-12-03 19:30", "Réunion du bureau @ Salle des fêtes"],
    ["12/12 20h-22h Loto", "2026-12-12 20:00", "2026-12-12 22:00", "Loto"],
    ["demain 14h pendant 2h Permanence", "2026-11-27 14:00", "2026-11-27 16:00", "Permanence"],
    ["le 3 décembre à 9h30 Petit-déjeuner", "2026-12-03 09:30", "2026-12-03 10:30", "Petit-déjeuner"],
    // weekdays: the coming one, today if its time is still ahead, "prochain" never today
    ["jeudi 11h Marché", "2026-11-26 11:00", "2026-11-26 12:00", "Marché"],
    ["jeudi 9h Marché", "2026-12-03 09:00", "2026-12-03 10:00", "Marché"],
    ["mardi 18:30 Chorale", "2026-12-01 18:30", "2026-12-01 19:30", "Chorale"],
    ["mardi prochain 18h Chorale", "2026-12-01 18:00", "2026-12-01 19:00", "Chorale"],
    ["ce samedi midi Repas partagé", "2026-11-28 12:00", "2026-11-28 13:00", "Repas partagé"],
    ["samedi à midi Repas", "2026-11-28 12:00", "2026-11-28 13:00", "Repas"],
    // relative days
    ["aujourd'hui 18h Apéro", "2026-11-26 18:00", "2026-11-26 19:00", "Apéro"],
    ["après-demain 10h Marché", "2026-11-28 10:00", "2026-11-28 11:00", "Marché"],
    ["18h Apéro", "2026-11-26 18:00", "2026-11-26 19:00", "Apéro"],
    // dates: dd/mm, with year, month names, "1er"
    ["3/12 18h Atelier", "2026-12-03 18:00", "2026-12-03 19:00", "Atelier"],
    ["12/12/2026 9h Brocante", "2026-12-12 09:00", "2026-12-12 10:00", "Brocante"],
    ["12/12/27 9h Brocante", "2027-12-12 09:00", "2027-12-12 10:00", "Brocante"],
    ["1er décembre 20h Concert", "2026-12-01 20:00", "2026-12-01 21:00", "Concert"],
    ["samedi 13 février à 14h Bourse aux vêtements", "2027-02-13 14:00", "2027-02-13 15:00", "Bourse aux vêtements"],
    ["le 3 décembre 2027 à 9h Forum", "2027-12-03 09:00", "2027-12-03 10:00", "Forum"],
    // times
    ["demain 20 h 30 Théâtre", "2026-11-27 20:30", "2026-11-27 21:30", "Théâtre"],
    ["demain 18 heures Théâtre", "2026-11-27 18:00", "2026-11-27 19:00", "Théâtre"],
    ["demain 18H30 Théâtre", "2026-11-27 18:30", "2026-11-27 19:30", "Théâtre"],
    // ranges and durations
    ["de 20h à 22h Loto", "2026-11-26 20:00", "2026-11-26 22:00", "Loto"],
    ["demain de 14h à 17h30 Atelier", "2026-11-27 14:00", "2026-11-27 17:30", "Atelier"],
    ["samedi 22h-2h Soirée dansante", "2026-11-28 22:00", "2026-11-29 02:00", "Soirée dansante"],
    ["samedi de 22h à minuit Bal", "2026-11-28 22:00", "2026-11-29 00:00", "Bal"],
    ["demain 20h-8h Veille de nuit", "2026-11-27 20:00", "2026-11-28 08:00", "Veille de nuit"],
    ["samedi 18h au dimanche 17h Stage", "2026-11-28 18:00", "2026-11-29 17:00", "Stage"],
    ["samedi 13 février, de 14h à 18h Bourse", "2027-02-13 14:00", "2027-02-13 18:00", "Bourse"],
    ["demain 14h jusqu'à 18h Permanence", "2026-11-27 14:00", "2026-11-27 18:00", "Permanence"],
    ["demain 10h pendant 1h30 Cours", "2026-11-27 10:00", "2026-11-27 11:30", "Cours"],
    ["demain 10h pendant 45 min Cours", "2026-11-27 10:00", "2026-11-27 10:45", "Cours"],
    ["demain 10h pendant une heure et demie Cours", "2026-11-27 10:00", "2026-11-27 11:30", "Cours"],
    ["demain 10h pendant 2 heures Cours", "2026-11-27 10:00", "2026-11-27 12:00", "Cours"],
  ])("%s", (text, start, end, rest) => {
    expect(read(text)).toEqual({ start, end, allDay: false, rrule: null, rest });
  });

  it("uses the default duration it is given", () => {
    expect(read("demain 18h Réunion", { defaultDurationMinutes: 90 })).toMatchObject({ end: "2026-11-27 19:30" });
  });

  it("reads typographic apostrophes and dashes as typed on phones", () => {
    expect(read("aujourd’hui 18h Réunion")).toMatchObject({ start: "2026-11-26 18:00", rest: "Réunion" });
    expect(read("demain 20h–22h Loto")).toMatchObject({ end: "2026-11-27 22:00", rest: "Loto" });
  });
});

describe("parseWhen: all-day events", () => {
  it.each([
    ["samedi 13 février toute la journée Vide-grenier", "2027-02-13 00:00", "2027-02-14 00:00", "Vide-grenier"],
    ["aujourd'hui toute la journée Portes ouvertes", "2026-11-26 00:00", "2026-11-27 00:00", "Portes ouvertes"],
    ["du 14 au 16 février Festival", "2027-02-14 00:00", "2027-02-17 00:00", "Festival"],
    ["du 28 décembre au 3 janvier Vacances", "2026-12-28 00:00", "2027-01-04 00:00", "Vacances"],
    ["samedi pendant 2 jours Festival", "2026-11-28 00:00", "2026-11-30 00:00", "Festival"],
    ["samedi 12 décembre jusqu'au 3 janvier Exposition", "2026-12-12 00:00", "2027-01-04 00:00", "Exposition"],
  ])("%s", (text, start, end, rest) => {
    expect(read(text)).toEqual({ start, end, allDay: true, rrule: null, rest });
  });
});

describe("parseWhen: what is not understood, or needs rewording", () => {
  it.each([
    ["12/12 Loto", { kind: "ambiguous", reason: "noTime" }],
    ["demain soir Loto", { kind: "ambiguous", reason: "noTime" }],
    ["tous les mardis Chorale", { kind: "ambiguous", reason: "noTime" }],
    ["toute la journée Portes ouvertes", { kind: "ambiguous", reason: "noDay" }],
    ["chaque mois 20h Réunion", { kind: "ambiguous", reason: "noDay" }],
    ["toutes les deux semaines 19h Atelier", { kind: "ambiguous", reason: "noDay" }],
    ["demain toute la journée 10h Stage", { kind: "ambiguous", reason: "timeAndAllDay" }],
    ["jeudi 19h Atelier vélo jusqu'au 30 juin", { kind: "ambiguous", reason: "untilWithoutRepeat" }],
    ["12/25 9h Noël", { kind: "ambiguous", reason: "dayMonthOrder" }],
    ["31/02 9h Loto", { kind: "invalidDate" }],
    ["30 février 18h Loto", { kind: "invalidDate" }],
    ["tous les mardis à 18h jusqu'au 20/11/2026 Chorale", { kind: "untilBeforeStart" }],
    ["demain 18h-17h Réunion", { kind: "endBeforeStart" }],
    ["de 22h à 20h Loto", { kind: "endBeforeStart" }],
    ["du 16 au 14 février Festival", { kind: "endBeforeStart" }],
    ["tous les 40 du mois 20h Club", { kind: "ambiguous", reason: "noDay" }],
    ["Loto demain 18h", { kind: "notFound" }],
    ["Réunion du bureau", { kind: "notFound" }],
    ["pendant 2h Permanence", { kind: "notFound" }],
    ["", { kind: "notFound" }],
  ])("%s", (text, problem) => {
    expect(read(text)).toEqual(problem);
  });

  it("says on which day a date and its weekday disagree", () => {
    // 14 February 2027 is a Sunday.
    expect(read("samedi 14 février toute la journée Vide-grenier")).toEqual({
      kind: "ambiguous",
      reason: "weekdayMismatch",
      startsAt: at("2027-02-14T00:00"),
    });
  });

  it.each([
    ["hier 18h Réunion", "2026-11-25T18:00"],
    ["aujourd'hui 9h30 Réunion", "2026-11-26T09:30"],
    ["jeudi dernier 18h Réunion", "2026-11-19T18:00"],
    ["26/11 9h Réunion", "2026-11-26T09:00"],
    ["12/12/2025 9h Réunion", "2025-12-12T09:00"],
    ["tous les mardis à partir du 3 novembre 2026 à 18h jusqu'au 20 novembre Chorale", "2026-11-17T18:00"],
  ])("refuses a start already past: %s", (text, start) => {
    expect(read(text)).toEqual({ kind: "past", startsAt: at(start) });
  });

  it("accepts today's all-day event until the day is over", () => {
    const late = at("2026-11-26T23:59");
    expect(read("aujourd'hui toute la journée Permanence", { now: late })).toMatchObject({ allDay: true });
  });
});

describe("parseWhen: a date without a year is the next such date", () => {
  it.each([
    ["in January, 12/12 is this year's", "2027-01-10T10:00", "12/12 20h Loto", "2027-12-12 20:00"],
    ["on 13 December, 12/12 is next year's", "2026-12-13T10:00", "12/12 20h Loto", "2027-12-12 20:00"],
    ["on 12 December, 12/12 is today", "2026-12-12T10:00", "12/12 20h Loto", "2026-12-12 20:00"],
    ["in November, 5 janvier is next year's", "2026-11-26T10:00", "5 janvier 18h Galette", "2027-01-05 18:00"],
    ["25/11 typed on 26/11", "2026-11-26T10:00", "25/11 9h Assemblée", "2027-11-25 09:00"],
  ])("%s", (_case, now, text, start) => {
    expect(read(text, { now: at(now) })).toMatchObject({ start });
  });
});

describe("parseWhen: repetitions", () => {
  it.each([
    ["tous les mardis à 18h Répétition de la chorale", "2026-12-01 18:00", "FREQ=WEEKLY;BYDAY=TU", "Répétition de la chorale"],
    ["chaque mardi 18h Chorale", "2026-12-01 18:00", "FREQ=WEEKLY;BYDAY=TU", "Chorale"],
    ["les mardis à 18h Chorale", "2026-12-01 18:00", "FREQ=WEEKLY;BYDAY=TU", "Chorale"],
    ["tous les jeudis 9h Marché", "2026-12-03 09:00", "FREQ=WEEKLY;BYDAY=TH", "Marché"],
    ["tous les jeudis 11h Marché", "2026-11-26 11:00", "FREQ=WEEKLY;BYDAY=TH", "Marché"],
    ["tous les mardis et jeudis à 18h Gym", "2026-11-26 18:00", "FREQ=WEEKLY;BYDAY=TU,TH", "Gym"],
    ["chaque premier lundi du mois 20h Conseil d'administration", "2026-12-07 20:00", "FREQ=MONTHLY;BYDAY=1MO", "Conseil d'administration"],
    ["le premier lundi de chaque mois à 20h CA", "2026-12-07 20:00", "FREQ=MONTHLY;BYDAY=1MO", "CA"],
    ["chaque dernier vendredi du mois à 19h Apéro", "2026-11-27 19:00", "FREQ=MONTHLY;BYDAY=-1FR", "Apéro"],
    ["tous les 15 du mois 20h Club lecture", "2026-12-15 20:00", "FREQ=MONTHLY;BYMONTHDAY=15", "Club lecture"],
    ["tous les mois le 3 à 18h Réunion", "2026-12-03 18:00", "FREQ=MONTHLY;BYMONTHDAY=3", "Réunion"],
    ["chaque mois à partir du 12 décembre à 20h Club", "2026-12-12 20:00", "FREQ=MONTHLY;BYMONTHDAY=12", "Club"],
    ["toutes les deux semaines jeudi 19h Atelier vélo", "2026-11-26 19:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "Atelier vélo"],
    ["tous les quinze jours le jeudi à 19h Vélo", "2026-11-26 19:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "Vélo"],
    // with no day typed, the fortnight starts on the coming Tuesday, not in today's week
    ["un mardi sur deux 18h Club", "2026-12-01 18:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "Club"],
    ["tous les jours à 8h Café", "2026-11-27 08:00", "FREQ=DAILY", "Café"],
    ["en semaine à 12h Cantine", "2026-11-26 12:00", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Cantine"],
    ["tous les ans le 12 décembre à 20h Anniversaire", "2026-12-12 20:00", "FREQ=YEARLY", "Anniversaire"],
    ["tous les mardis à partir du 5 janvier à 18h Chorale", "2027-01-05 18:00", "FREQ=WEEKLY;BYDAY=TU", "Chorale"],
  ])("%s", (text, start, rrule, rest) => {
    expect(read(text)).toMatchObject({ start, rrule, rest, allDay: false });
  });

  it("ends on the last local day, in UTC, wherever « jusqu'au » is typed", () => {
    const expected = { start: "2026-11-26 19:00", end: "2026-11-26 20:00", rest: "Atelier vélo" };
    const rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL=20270630T215959Z";
    expect(read("toutes les deux semaines jeudi 19h Atelier vélo jusqu'au 30 juin")).toMatchObject({ ...expected, rrule });
    expect(read("toutes les deux semaines jeudi 19h jusqu'au 30 juin Atelier vélo")).toMatchObject({ ...expected, rrule });
    expect(read("toutes les deux semaines jusqu’au 30/06/2027 jeudi 19h Atelier vélo")).toMatchObject({ ...expected, rrule });
    // in winter the last local day ends at 22:59:59 UTC
    expect(read("tous les mardis à 18h jusqu'au 2 février Chorale")).toMatchObject({ rrule: "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270202T225959Z" });
  });

  it("repeats all-day events", () => {
    expect(read("tous les samedis toute la journée Expo")).toEqual({
      start: "2026-11-28 00:00",
      end: "2026-11-29 00:00",
      allDay: true,
      rrule: "FREQ=WEEKLY;BYDAY=SA",
      rest: "Expo",
    });
  });
});

describe("parseWhen keeps the title as typed", () => {
  it.each([
    ["demain 18h Soirée de Noël", "Soirée de Noël"],
    ["mardi 9h Lundi de Pâques", "Lundi de Pâques"],
    ["12/12 20h 30 ans du centre", "30 ans du centre"],
    ["demain 18h Mars attaque", "Mars attaque"],
    ["demain 18h Les mardis du jeu", "Les mardis du jeu"],
    ["demain 18h des jeux", "des jeux"],
    ["demain 18h, Réunion", "Réunion"],
    ["demain 18h - Réunion", "Réunion"],
    ["demain 18h @ Salle 2", "@ Salle 2"],
    ["demain 18h Atelier -- apporter des outils", "Atelier -- apporter des outils"],
    ["demain 18h Réunion\nOrdre du jour : budget", "Réunion\nOrdre du jour : budget"],
    ["demain 18h ŒUVRES d’Élise", "ŒUVRES d’Élise"],
  ])("%s", (text, rest) => {
    expect(read(text)).toMatchObject({ rest });
  });
});

describe("parseWhen across daylight saving time (Europe/Paris)", () => {
  it("keeps the wall time on both sides of the change", () => {
    const monday16March = at("2026-03-16T10:00");
    const first = parse("tous les mardis à 18h Chorale", { now: monday16March });
    expect(first).toMatchObject({ ok: true, when: { startsAt: Date.UTC(2026, 2, 17, 17), rrule: "FREQ=WEEKLY;BYDAY=TU" } });
    expect(parse("mardi 31 mars 18h Chorale", { now: monday16March })).toMatchObject({ when: { startsAt: Date.UTC(2026, 2, 31, 16) } });
    const october = at("2026-10-19T10:00");
    expect(parse("mardi 20 octobre 18h Chorale", { now: october })).toMatchObject({ when: { startsAt: Date.UTC(2026, 9, 20, 16) } });
    expect(parse("mardi 27 octobre 18h Chorale", { now: october })).toMatchObject({ when: { startsAt: Date.UTC(2026, 9, 27, 17) } });
  });

  it("gives an all-day event on the short day its 23 hours", () => {
    const result = parse("dimanche 29 mars toute la journée Troc", { now: at("2026-03-16T10:00") });
    expect(result).toMatchObject({ ok: true, when: { startsAt: Date.UTC(2026, 2, 28, 23), endsAt: Date.UTC(2026, 2, 29, 22) } });
  });

  it("moves a time skipped by the change to the hour after, as luxon does", () => {
    expect(read("dimanche 29 mars 2h30 Marche de nuit", { now: at("2026-03-16T10:00") })).toMatchObject({ start: "2026-03-29 03:30" });
  });
});

describe("parseWhen in other zones", () => {
  it("reads wall times in the room's zone, not the process's", () => {
    const cayenne = "America/Cayenne";
    expect(parse("demain 18h Réunion", { timeZone: cayenne })).toMatchObject({ when: { startsAt: Date.UTC(2026, 10, 27, 21) } });
    const noumea = "Pacific/Noumea";
    expect(parse("demain 18h Réunion", { timeZone: noumea })).toMatchObject({ when: { startsAt: Date.UTC(2026, 10, 27, 7) } });
  });

  it("counts days from the room's own today", () => {
    // 23:30 in Paris is already 09:30 on Friday in Nouméa: « demain » there is Saturday.
    const lateInParis = at("2026-11-26T23:30");
    expect(read("demain 18h Réunion", { now: lateInParis, timeZone: "Pacific/Noumea" })).toMatchObject({ start: "2026-11-28 18:00" });
    expect(read("demain 18h Réunion", { now: lateInParis })).toMatchObject({ start: "2026-11-27 18:00" });
  });
});

describe("parseWhen in English rooms", () => {
  const en = (text: string, options: Partial<ParseWhenOptions> = {}) => read(text, { language: "en", ...options });

  it.each([
    ["next Thursday 6:30pm Board meeting @ Hall", "2026-12-03 18:30", "2026-12-03 19:30", "Board meeting @ Hall"],
    ["12/12 8pm-10pm Bingo", "2026-12-12 20:00", "2026-12-12 22:00", "Bingo"],
    ["3/12 6pm Workshop", "2026-12-03 18:00", "2026-12-03 19:00", "Workshop"],
    ["tomorrow 2pm for 2 hours Drop-in", "2026-11-27 14:00", "2026-11-27 16:00", "Drop-in"],
    ["tomorrow 10am for 1h30 Class", "2026-11-27 10:00", "2026-11-27 11:30", "Class"],
    ["tomorrow 10am for 45 min Class", "2026-11-27 10:00", "2026-11-27 10:45", "Class"],
    ["on 3 December at 9:30 Breakfast", "2026-12-03 09:30", "2026-12-03 10:30", "Breakfast"],
    ["December 3 at 9:30 Breakfast", "2026-12-03 09:30", "2026-12-03 10:30", "Breakfast"],
    ["the day after tomorrow 10am Market", "2026-11-28 10:00", "2026-11-28 11:00", "Market"],
    ["this Saturday noon Lunch", "2026-11-28 12:00", "2026-11-28 13:00", "Lunch"],
    ["from 8pm to 10pm Bingo", "2026-11-26 20:00", "2026-11-26 22:00", "Bingo"],
    ["tomorrow 6pm until 9pm Open house", "2026-11-27 18:00", "2026-11-27 21:00", "Open house"],
    ["Tuesday 18:00 May Day", "2026-12-01 18:00", "2026-12-01 19:00", "May Day"],
  ])("%s", (text, start, end, rest) => {
    expect(en(text)).toEqual({ start, end, allDay: false, rrule: null, rest });
  });

  it.each([
    ["every Tuesday at 6pm Choir practice", "2026-12-01 18:00", "FREQ=WEEKLY;BYDAY=TU", "Choir practice"],
    ["Tuesdays 6pm Choir", "2026-12-01 18:00", "FREQ=WEEKLY;BYDAY=TU", "Choir"],
    ["every other Tuesday 6pm Club", "2026-12-01 18:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "Club"],
    ["every first Monday of the month 8pm Board", "2026-12-07 20:00", "FREQ=MONTHLY;BYDAY=1MO", "Board"],
    ["the last Friday of every month at 7pm Drinks", "2026-11-27 19:00", "FREQ=MONTHLY;BYDAY=-1FR", "Drinks"],
    ["every 15th of the month 8pm Club", "2026-12-15 20:00", "FREQ=MONTHLY;BYMONTHDAY=15", "Club"],
    ["every two weeks Thursday 7pm Bike workshop", "2026-11-26 19:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "Bike workshop"],
    ["every day at 8am Coffee", "2026-11-27 08:00", "FREQ=DAILY", "Coffee"],
    ["every weekday at noon Canteen", "2026-11-26 12:00", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Canteen"],
    ["every Tuesday 6pm Choir until June 30", "2026-12-01 18:00", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T215959Z", "Choir"],
    ["every Tuesday 6pm until 30 June Choir", "2026-12-01 18:00", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T215959Z", "Choir"],
  ])("%s", (text, start, rrule, rest) => {
    expect(en(text)).toMatchObject({ start, rrule, rest });
  });

  it("reads all day, dd/mm order and the same problems", () => {
    expect(en("Saturday 13 February all day Jumble sale")).toMatchObject({ start: "2027-02-13 00:00", allDay: true, rest: "Jumble sale" });
    expect(en("Saturday 13 February Fair")).toEqual({ kind: "ambiguous", reason: "noTime" });
    expect(en("12/25 9am Christmas")).toEqual({ kind: "ambiguous", reason: "dayMonthOrder" });
    expect(en("25/12 9am Christmas")).toMatchObject({ start: "2026-12-25 09:00" });
    expect(en("yesterday 6pm Meeting")).toMatchObject({ kind: "past" });
    expect(en("tomorrow 6pm Tuesdays club")).toMatchObject({ rrule: null, rest: "Tuesdays club" });
  });
});

describe("parseWhen asks rather than guesses (issue 11)", () => {
  it("names each reason, with the reading when there is one", () => {
    expect(read("ce soir Apéro")).toEqual({ kind: "ambiguous", reason: "noTime" });
    expect(read("samedi minuit Feu")).toEqual({ kind: "ambiguous", reason: "midnight" });
    expect(read("le 31 à 18h Réunion")).toEqual({ kind: "ambiguous", reason: "unclearDay" });
    expect(read("du 7 au 9 décembre de 9h à 17h Stage")).toEqual({ kind: "ambiguous", reason: "hoursOverDays" });
    expect(read("18h Réunion jeudi")).toEqual({ kind: "ambiguous", reason: "dayInTitle" });
    expect(read("mardi 1er à 18h et jeudi 3 à 18h Réunion")).toEqual({
      kind: "ambiguous",
      reason: "partlyUnderstood",
      startsAt: at("2026-12-01T18:00"),
      leftOver: "jeudi 3 à 18h Réunion",
    });
  });

  it("keeps a date-like title as typed, accents and case included", () => {
    expect(read("demain 18h sam et max")).toMatchObject({ start: "2026-11-27 18:00", rest: "sam et max" });
    expect(read("demain 18h cinq à sept")).toMatchObject({ rest: "cinq à sept" });
  });
});

describe("parseWhen on long messages", () => {
  it("reads only the first words again when it shortens the date phrase", () => {
    const started = performance.now();
    expect(read(`${"18h ".repeat(3000)}Réunion`)).toMatchObject({ kind: "ambiguous" });
    expect(read(`jeudi 3 à 18h ${"de ".repeat(3000)}`)).toMatchObject({ start: "2026-12-03 18:00" });
    // Before the bound, the first took two minutes; a generous limit keeps this steady on a busy machine.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
