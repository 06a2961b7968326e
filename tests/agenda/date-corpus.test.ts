import * as chrono from "chrono-node";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { parseWhen } from "../../src/agenda/parse-when.ts";
import type { CorpusCase, Expected, Family } from "./date-corpus/cases.ts";
import { clockChange } from "./date-corpus/clock-change.ts";
import { clockWords } from "./date-corpus/clock-words.ts";
import { everyday } from "./date-corpus/everyday.ts";
import { fullDates } from "./date-corpus/full-dates.ts";
import { monthDay } from "./date-corpus/month-day.ts";
import { ranges } from "./date-corpus/ranges.ts";
import { readmeForms } from "./date-corpus/readme-forms.ts";
import { recurring } from "./date-corpus/recurring.ts";
import { relativeDays } from "./date-corpus/relative-days.ts";
import { spellings } from "./date-corpus/spellings.ts";
import { titles } from "./date-corpus/titles.ts";
import { unclear } from "./date-corpus/unclear.ts";
import { weekRelative } from "./date-corpus/week-relative.ts";
import { weekdayDay } from "./date-corpus/weekday-day.ts";

const PARIS = "Europe/Paris";
const FAMILIES: readonly Family[] = [weekdayDay, monthDay, weekRelative, relativeDays, ranges, clockWords, spellings, fullDates, recurring, clockChange, everyday, titles, unclear, readmeForms];

/** What a parser made of a phrase, in the corpus's terms. */
type Reading =
  | { readonly kind: "timed"; readonly start: string; readonly end: string; readonly title: string; readonly rrule: string | null }
  | { readonly kind: "days"; readonly first: string; readonly last: string; readonly title: string }
  | { readonly kind: "ask" }
  | { readonly kind: "refuse" };

type Verdict = "right" | "wrongDate" | "wrongTitle" | "wrongRefusal";

const wall = (ms: number) => DateTime.fromMillis(ms, { zone: PARIS }).toFormat("yyyy-MM-dd HH:mm");

function minou(text: string, now: number): Reading {
  const result = parseWhen(text, { now, timeZone: PARIS, language: "fr", defaultDurationMinutes: 60 });
  if (!result.ok) return { kind: result.problem.kind === "ambiguous" ? "ask" : "refuse" };
  const { startsAt, endsAt, allDay, rrule } = result.when;
  if (allDay) {
    return { kind: "days", first: wall(startsAt).slice(0, 10), last: wall(endsAt - 1).slice(0, 10), title: result.rest };
  }
  return { kind: "timed", start: wall(startsAt), end: wall(endsAt), title: result.rest, rrule };
}

function chronoFields(components: chrono.ParsedComponents): string {
  const part = (name: chrono.Component) => String(components.get(name) ?? 0).padStart(2, "0");
  return `${String(components.get("year"))}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}

/** chrono-node's French parser alone, with the same reference date, reading forward. */
function chronoAlone(text: string, now: number): Reading {
  const local = DateTime.fromMillis(now, { zone: PARIS });
  const reference = new Date(local.year, local.month - 1, local.day, local.hour, local.minute);
  const [result] = chrono.fr.parse(text, reference, { forwardDate: true });
  if (result === undefined) return { kind: "refuse" };
  const title = text.slice(result.index + result.text.length).trim().replace(/^[,;:-]\s*/, "");
  const start = chronoFields(result.start);
  if (!result.start.isCertain("hour")) {
    const last = result.end === null || result.end === undefined ? start : chronoFields(result.end);
    return { kind: "days", first: start.slice(0, 10), last: last.slice(0, 10), title };
  }
  const end = result.end === null || result.end === undefined ? "" : chronoFields(result.end);
  return { kind: "timed", start, end, title, rrule: null };
}

function verdict(expected: Expected, reading: Reading): Verdict {
  if (expected.kind === "ask" || expected.kind === "refuse") {
    if (reading.kind === "timed" || reading.kind === "days") return "wrongDate";
    return expected.kind === "ask" && reading.kind === "refuse" ? "wrongRefusal" : "right";
  }
  if (reading.kind === "ask" || reading.kind === "refuse") return "wrongRefusal";
  if (expected.kind === "days") {
    if (reading.kind !== "days" || reading.first !== expected.first || reading.last !== expected.last) return "wrongDate";
    return reading.title === expected.title ? "right" : "wrongTitle";
  }
  if (reading.kind !== "timed" || reading.start !== expected.start) return "wrongDate";
  if (expected.end !== null && reading.end !== expected.end) return "wrongDate";
  if (expected.rrule !== null && reading.rrule !== expected.rrule) return "wrongDate";
  return reading.title === expected.title ? "right" : "wrongTitle";
}

interface Scored {
  readonly family: string;
  readonly item: CorpusCase;
  readonly now: string;
  readonly minou: Verdict;
  readonly minouReading: Reading;
  readonly chrono: Verdict;
  readonly chronoReading: Reading;
}

function score(): Scored[] {
  return FAMILIES.flatMap((family) =>
    family.groups.flatMap((group) => {
      const now = DateTime.fromFormat(group.now, "yyyy-MM-dd HH:mm", { zone: PARIS }).toMillis();
      return group.cases.map((item) => {
        const minouReading = minou(item.text, now);
        return {
          family: family.name,
          item,
          now: group.now,
          minou: verdict(item.expected, minouReading),
          minouReading,
          chrono: verdict(item.expected, chronoAlone(item.text, now)),
          chronoReading: chronoAlone(item.text, now),
        };
      });
    }),
  );
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;

function report(scored: readonly Scored[]): void {
  const lines = ["", "Corpus des dates (issue 11) : Minou / chrono.fr seul", ""];
  for (const family of FAMILIES) {
    const rows = scored.filter((row) => row.family === family.name);
    const minouRight = rows.filter((row) => row.minou === "right").length;
    const chronoRight = rows.filter((row) => row.chrono === "right").length;
    lines.push(`  ${family.name.padEnd(24)} ${String(rows.length).padStart(4)}   Minou ${percent(minouRight, rows.length).padStart(7)}   chrono ${percent(chronoRight, rows.length).padStart(7)}`);
  }
  const minouRight = scored.filter((row) => row.minou === "right").length;
  const chronoRight = scored.filter((row) => row.chrono === "right").length;
  const wrong = (who: "minou" | "chrono") => scored.filter((row) => row[who] === "wrongDate").length;
  lines.push(
    "",
    `  total ${scored.length}   Minou ${percent(minouRight, scored.length)} (dates fausses acceptées : ${wrong("minou")})   chrono ${percent(chronoRight, scored.length)} (dates fausses : ${wrong("chrono")})`,
  );
  for (const row of scored.filter((item) => item.minou !== "right")) {
    lines.push(`  ✗ [${row.now}] ${row.item.text} → ${row.minou}: ${JSON.stringify(row.minouReading)} attendu ${JSON.stringify(row.item.expected)}`);
  }
  process.stdout.write(`${lines.join("\n")}\n\n`);
}

describe("the date corpus, as volunteers type", () => {
  const scored = score();
  report(scored);

  it("holds at least 300 phrasings", () => {
    expect(scored.length).toBeGreaterThanOrEqual(300);
  });

  it("never accepts a wrong date", () => {
    expect(scored.filter((row) => row.minou === "wrongDate").map((row) => `[${row.now}] ${row.item.text}`)).toEqual([]);
  });

  it("reads every README form right", () => {
    expect(scored.filter((row) => row.family === readmeForms.name && row.minou !== "right").map((row) => row.item.text)).toEqual([]);
  });

  it("reads at least 98 % of the phrasings right", () => {
    const right = scored.filter((row) => row.minou === "right").length;
    expect(right / scored.length).toBeGreaterThanOrEqual(0.98);
  });
});
