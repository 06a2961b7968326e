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
});
