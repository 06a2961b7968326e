import { describe, expect, it } from "vitest";
import { LiveMessageEditor, type LiveMessageSource } from "../../src/pipeline/live-messages.ts";
import { captureLog } from "../support/capture-log.ts";
import { memoryStores } from "../support/memory-stores.ts";

/** Live messages 1 and 2, both changed; the edit of `poisoned` throws (its text cannot be made). */
function twoMessages(poisoned: { id: number | undefined }): LiveMessageSource {
  const dirty = new Set([1, 2]);
  return {
    hasPending: () => dirty.size > 0,
    due: () => [...dirty],
    takeEdit(id) {
      // The real sources keep their marks in the database, which the failure rolls back.
      if (id === poisoned.id) throw new Error("poisoned");
      dirty.delete(id);
      return { roomId: "!asso:x", originalEventId: `$live${id}`, content: { msgtype: "m.notice", body: `message ${id}` }, cause: `live:${id}`, revision: 1, context: `live message ${id}` };
    },
  };
}

describe("live message edits, one failing", () => {
  it("the others are still edited; the failing one is logged once, stays pending, and goes out once it works", () => {
    const stores = memoryStores();
    const poisoned: { id: number | undefined } = { id: 1 };
    const { log, lines } = captureLog();
    const editor = new LiveMessageEditor(stores, [twoMessages(poisoned)], 1_000, () => 0, () => undefined, log);
    editor.run(10_000);
    editor.run(40_000);
    const bodies = (): string[] => stores.outbox.pending(10).map((message) => String((message.content["m.new_content"] as { body: string }).body));
    expect(bodies()).toEqual(["message 2"]);
    expect(lines.filter((line) => line.includes("scheduled item failed"))).toHaveLength(1);
    poisoned.id = undefined;
    editor.run(70_000);
    expect(bodies()).toEqual(["message 2", "message 1"]);
    editor.stop();
  });
});
