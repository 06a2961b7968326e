import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { WhenProblem } from "../../src/agenda/parse-when.ts";
import { whenProblemText } from "../../src/agenda/when-problems.ts";

const PARIS = "Europe/Paris";
const tuesday18h = DateTime.fromISO("2026-12-01T18:00", { zone: PARIS }).toMillis();

describe("whenProblemText for what Minou asks about", () => {
  it.each<[WhenProblem, string, string]>([
    [{ kind: "ambiguous", reason: "midnight" }, "Minuit : au début ou à la fin", "Midnight: at the start or the end"],
    [{ kind: "ambiguous", reason: "unclearDay" }, "Quel mois ?", "Which month?"],
    [{ kind: "ambiguous", reason: "hoursOverDays" }, "Chaque jour aux mêmes heures", "The same hours every day"],
    [{ kind: "ambiguous", reason: "dayInTitle" }, "Le jour est dans le titre", "The day is in the title"],
  ])("%j", (problem, fr, en) => {
    expect(whenProblemText(problem, "fr", PARIS, "!").source).toContain(fr);
    expect(whenProblemText(problem, "en", PARIS, "!").source).toContain(en);
  });

  it("shows its reading of a phrase it only partly understood", () => {
    const problem: WhenProblem = { kind: "ambiguous", reason: "partlyUnderstood", startsAt: tuesday18h, leftOver: "jeudi 3 à 18h Réunion" };
    const fr = whenProblemText(problem, "fr", PARIS, "!").source;
    expect(fr).toContain("mardi 1er décembre 2026");
    expect(fr).toMatch(/18\\?:00/);
    expect(fr).toContain("jeudi 3 à 18h Réunion");
    expect(whenProblemText(problem, "en", PARIS, "!").source).toContain("Tuesday 1 December 2026");
  });
});
