import { describe, expect, it } from "vitest";
import { JobItems } from "../../src/jobs/job-items.ts";
import { welcomeTextSetting } from "../../src/onboarding/settings.ts";
import { captureLog } from "../support/capture-log.ts";
import { memoryStores } from "../support/memory-stores.ts";

describe("JobItems", () => {
  it("undoes the changes of an item that throws and goes on with the next, inside the job's own transaction", () => {
    const stores = memoryStores();
    const { log } = captureLog();
    const items = new JobItems("test-job", stores, log);
    for (const roomId of ["!a:x", "!b:x"]) stores.rooms.recordJoin(roomId, 0);
    const results = stores.transaction(() =>
      ["!a:x", "!b:x"].map((roomId) =>
        items.attempt(roomId, { roomId }, () => {
          stores.roomSettings.set(roomId, welcomeTextSetting, "écrit");
          if (roomId === "!a:x") throw new Error("poison");
          return "done";
        }),
      ),
    );
    expect(results).toEqual([undefined, "done"]);
    expect(stores.roomSettings.get("!a:x", welcomeTextSetting)).toBeNull();
    expect(stores.roomSettings.get("!b:x", welcomeTextSetting)).toBe("écrit");
  });

  it("logs an item's failure once, with its context, until it works again", () => {
    const stores = memoryStores();
    const { log, lines } = captureLog("info");
    const items = new JobItems("test-job", stores, log);
    const fail = (): never => {
      throw new Error("poison");
    };
    for (let tick = 0; tick < 3; tick += 1) items.attempt("poll 7", { poll: 7, roomId: "!a:x" }, fail);
    expect(items.isFailing("poll 7")).toBe(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ERROR .*scheduled item failed.*"job":"test-job","item":"poll 7","poll":7,"roomId":"!a:x".*poison/u);
    expect(items.attempt("poll 7", {}, () => 1)).toBe(1);
    expect(items.isFailing("poll 7")).toBe(false);
    expect(lines[1]).toMatch(/INFO .*scheduled item works again/u);
    items.attempt("poll 7", {}, fail);
    expect(lines).toHaveLength(3);
  });
});
