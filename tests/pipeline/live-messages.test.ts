import { afterEach, describe, expect, it, vi } from "vitest";
import { LiveMessageEditor, type LiveMessageSource } from "../../src/pipeline/live-messages.ts";
import { captureLog } from "../support/capture-log.ts";
import { memoryStores } from "../support/memory-stores.ts";

/** One live message (a broadcast's progress line, say) that changes whenever `change()` is called. */
function progressLine(): LiveMessageSource & { change(at: number): void } {
  let dirtySince: number | undefined;
  let revision = 0;
  return {
    change(at) {
      dirtySince ??= at;
    },
    hasPending: () => dirtySince !== undefined,
    due: (changedBefore) => (dirtySince !== undefined && dirtySince <= changedBefore ? [1] : []),
    takeEdit() {
      dirtySince = undefined;
      revision += 1;
      return { roomId: "!equipe:centre.test", originalEventId: "$progress", content: { msgtype: "m.notice", body: `${revision} salons` }, cause: "progress", revision, context: "progress line" };
    },
  };
}

describe("live message edits", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A minute of changes every second; how many edits were queued. */
  async function editsInAMinute(paceMs: number): Promise<number> {
    vi.useFakeTimers({ now: 0, toFake: ["setTimeout", "clearTimeout", "Date"] });
    const stores = memoryStores();
    const source = progressLine();
    let queued = 0;
    const editor = new LiveMessageEditor(stores, [source], 3_000, () => Date.now(), () => (queued += 1), captureLog().log, () => paceMs);
    for (let second = 0; second < 60; second += 1) {
      source.change(Date.now());
      editor.schedule();
      await vi.advanceTimersByTimeAsync(1_000);
    }
    editor.stop();
    return queued;
  }

  it("edits once per debounce window when the homeserver sets no pace", async () => {
    expect(await editsInAMinute(0)).toBeGreaterThanOrEqual(15);
  });

  it("edits far less often while the homeserver limits the pace, leaving most turns to the messages themselves", async () => {
    // Synapse's default allowance, learnt: one send every 5.5 s; an edit at most every 33 s.
    expect(await editsInAMinute(5_500)).toBeLessThanOrEqual(2);
  });
});
