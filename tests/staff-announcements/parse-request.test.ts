import { describe, expect, it } from "vitest";
import { parseRequest } from "../../src/staff-announcements/parse-request.ts";
import { FIXED_NOW } from "../support/command-context.ts";

const context = { now: FIXED_NOW, timeZone: "Europe/Paris", language: "fr" as const };

describe("parseRequest", () => {
  it("takes the whole text as the message when there is no option", () => {
    const outcome = parseRequest("# Fermeture\n\nLe centre ferme **lundi**.", context);
    expect(outcome).toEqual({ ok: true, request: { tags: [], pin: false, mentionRoom: false, sendAt: null, text: "# Fermeture\n\nLe centre ferme **lundi**." } });
  });

  it("reads tags, épingler, @room and programmer in any order, then the message with its line breaks", () => {
    const outcome = parseRequest("#Culture @room épingler #jeunesse #culture programmer demain 18h30\nLigne 1\nLigne 2", context);
    expect(outcome).toEqual({
      ok: true,
      request: { tags: ["culture", "jeunesse"], pin: true, mentionRoom: true, sendAt: Date.UTC(2026, 10, 27, 17, 30), text: "Ligne 1\nLigne 2" },
    });
  });

  it("lets -- end the options before a message that starts like one", () => {
    const outcome = parseRequest("programmer vendredi 9h -- épingler : les nouveaux horaires", context);
    expect(outcome.ok && outcome.request.text).toBe("épingler : les nouveaux horaires");
    expect(parseRequest("-- #1 de nos priorités", context)).toMatchObject({ ok: true, request: { tags: [], text: "#1 de nos priorités" } });
  });

  it("explains what is wrong", () => {
    expect(parseRequest("  #culture  ", context)).toEqual({ ok: false, problem: { kind: "empty" } });
    expect(parseRequest("x".repeat(20_001), context)).toEqual({ ok: false, problem: { kind: "tooLong", length: 20_001 } });
    expect(parseRequest("programmer hier 18h Trop tard", context)).toMatchObject({ ok: false, problem: { kind: "when", problem: { kind: "past" } } });
    expect(parseRequest("programmer samedi toute la journée Vide-grenier", context)).toEqual({ ok: false, problem: { kind: "notOneMoment" } });
  });

  it("does not take « Programme » for the option", () => {
    expect(parseRequest("Programme de la semaine : yoga mardi", context)).toMatchObject({ ok: true, request: { sendAt: null, text: "Programme de la semaine : yoga mardi" } });
  });
});
