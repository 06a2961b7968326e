import { describe, expect, it } from "vitest";
import { FloodGuard } from "../../src/dispatch/flood-guard.ts";

describe("FloodGuard", () => {
  it("warns once when a member exceeds the rate, ignores them for a while, then forgives", () => {
    const guard = new FloodGuard({ maxCommands: 3, perSeconds: 10, muteSeconds: 60 });
    const verdicts = [0, 1000, 2000, 3000, 4000].map((at) => guard.check("@a:x", at));
    expect(verdicts).toEqual(["allow", "allow", "allow", "warn", "ignore"]);
    expect(guard.check("@b:x", 4000)).toBe("allow");
    expect(guard.check("@a:x", 62_000)).toBe("ignore");
    expect(guard.check("@a:x", 63_001)).toBe("allow");
  });

  it("lets a steady member through indefinitely", () => {
    const guard = new FloodGuard({ maxCommands: 3, perSeconds: 10, muteSeconds: 60 });
    for (let at = 0; at < 100_000; at += 4000) expect(guard.check("@a:x", at)).toBe("allow");
  });

  it("lets a member read at a calm pace (help, lists) past the limit on writes", () => {
    const guard = new FloodGuard({ maxCommands: 8, perSeconds: 30, muteSeconds: 60 });
    const verdicts = Array.from({ length: 10 }, (_, i) => guard.check("@a:x", i * 3000, "read"));
    expect(verdicts.every((verdict) => verdict === "allow")).toBe(true);
  });

  it("still stops writes at the limit, and reads fired very fast", () => {
    const writes = new FloodGuard({ maxCommands: 8, perSeconds: 30, muteSeconds: 60 });
    expect(Array.from({ length: 10 }, (_, i) => writes.check("@a:x", i * 3000, "write"))).toEqual([...Array<string>(8).fill("allow"), "warn", "ignore"]);
    const reads = new FloodGuard({ maxCommands: 8, perSeconds: 30, muteSeconds: 60 });
    expect(Array.from({ length: 10 }, (_, i) => reads.check("@a:x", i * 500, "read"))).toEqual([...Array<string>(8).fill("allow"), "warn", "ignore"]);
  });

  it("counts reads and writes together", () => {
    const guard = new FloodGuard({ maxCommands: 3, perSeconds: 40, muteSeconds: 60 });
    expect(guard.check("@a:x", 0, "write")).toBe("allow");
    expect(guard.check("@a:x", 1000, "write")).toBe("allow");
    expect(guard.check("@a:x", 2000, "read")).toBe("allow");
    expect(guard.check("@a:x", 3000, "read")).toBe("warn");
  });
});
