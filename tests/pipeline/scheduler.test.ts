import { describe, expect, it } from "vitest";
import { Scheduler } from "../../src/scheduler.ts";
import { captureLog } from "../support/capture-log.ts";

describe("Scheduler", () => {
  it("runs a tick asked for while another is under way once that one ends, with the clock read after the call", async () => {
    let clock = 1_000;
    const seen: number[] = [];
    let release: () => void = () => undefined;
    const firstRunHolds = new Promise<void>((resolve) => (release = resolve));
    const scheduler = new Scheduler([{ name: "probe", run: async (now) => { seen.push(now); if (seen.length === 1) await firstRunHolds; } }], captureLog().log, () => clock);
    const first = scheduler.tick();
    clock = 9_000;
    // Joining the tick under way would run nothing as of 9,000.
    expect(scheduler.tick()).toBe(first);
    const asked = scheduler.tickAfterCurrent();
    release();
    await asked;
    expect(seen).toEqual([1_000, 9_000]);
  });
});
