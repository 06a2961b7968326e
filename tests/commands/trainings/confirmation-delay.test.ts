import { describe, expect, it } from "vitest";
import { readConfirmationHours } from "../../../commands/trainings/session-options.ts";

describe("a training session's confirmation delay", () => {
  it("reads hours and days", () => {
    expect(readConfirmationHours("48h")).toBe(48);
    expect(readConfirmationHours("2j")).toBe(48);
    expect(readConfirmationHours(undefined)).toBeNull();
  });

  it("refuses a delay of nothing, or one so long a seat would stay blocked (and its deadline overflow the database)", () => {
    expect(readConfirmationHours("0h")).toBeUndefined();
    expect(readConfirmationHours("61j")).toBeUndefined();
    expect(readConfirmationHours("99999999999999999999h")).toBeUndefined();
    expect(readConfirmationHours("60j")).toBe(1_440);
  });
});
