import { describe, expect, it } from "vitest";
import { SendPacer } from "../../src/pipeline/send-pacer.ts";

/** A pacer on a hand-moved clock, recording the waits it asks for. */
function pacerAt(perSecond: number) {
  let now = 1_000;
  const waits: number[] = [];
  const pacer = new SendPacer(
    perSecond,
    () => now,
    async (ms) => {
      waits.push(ms);
    },
  );
  return { pacer, waits, advance: (ms: number) => (now += ms) };
}

describe("SendPacer", () => {
  it("lets the first request go at once and spaces the next ones", async () => {
    const { pacer, waits } = pacerAt(2);
    await Promise.all([pacer.turn(), pacer.turn(), pacer.turn()]);
    expect(waits).toEqual([500, 1000]);
  });

  it("does not save up turns while idle", async () => {
    const { pacer, waits, advance } = pacerAt(10);
    await pacer.turn();
    advance(5_000);
    await pacer.turn();
    await pacer.turn();
    expect(waits).toEqual([100]);
  });

  it("holds every later turn back after a 429", async () => {
    const { pacer, waits } = pacerAt(10);
    await pacer.turn();
    pacer.holdFor(2_000);
    await pacer.turn();
    await pacer.turn();
    expect(waits).toEqual([2_000, 2_100]);
  });

  it("refuses a rate that is not positive", () => {
    expect(() => new SendPacer(0)).toThrow(/positive/);
  });
});
