import { describe, expect, it } from "vitest";
import { memoryStores } from "../../support/memory-stores.ts";

const DAY = 86_400_000;
const WEEK = 7 * DAY;

function setup() {
  const stores = memoryStores();
  stores.rooms.recordJoin("!a:x", 0);
  stores.rooms.recordJoin("!b:x", 0);
  const add = (roomId: string, title: string, url: string, at = 1, tags: string[] = []) =>
    stores.documents.documents.create({ roomId, title, url, tags, addedBy: "@camille:x" }, at);
  return { stores, add, documents: stores.documents.documents, index: stores.documents.index, checks: stores.documents.linkChecks };
}

describe("documents store", () => {
  it("numbers documents per room and never reuses a number, even the last one's", () => {
    const { add, documents } = setup();
    expect(add("!a:x", "Budget", "https://cloud.x/budget").number).toBe(1);
    const second = add("!a:x", "Statuts", "https://cloud.x/statuts");
    expect(add("!b:x", "Planning", "https://pad.x/planning").number).toBe(1);
    documents.remove(second.id);
    expect(add("!a:x", "Adhérents", "https://cloud.x/adherents").number).toBe(3);
    expect(documents.byNumber("!a:x", 2)).toBeUndefined();
    expect(documents.byNumber("!b:x", 3)).toBeUndefined();
    expect(documents.inRoom("!a:x").map((document) => document.number)).toEqual([1, 3]);
  });

  it("finds a duplicate link only within the same room", () => {
    const { add, documents } = setup();
    add("!a:x", "Budget", "https://cloud.x/budget");
    expect(documents.byUrl("!a:x", "https://cloud.x/budget")?.number).toBe(1);
    expect(documents.byUrl("!b:x", "https://cloud.x/budget")).toBeUndefined();
    expect(() => add("!a:x", "Encore", "https://cloud.x/budget")).toThrow(/UNIQUE/);
    expect(add("!b:x", "Budget", "https://cloud.x/budget").number).toBe(1);
  });

  it("changes title, tags and link, and keeps documents without their author after an erasure", () => {
    const { add, documents } = setup();
    const budget = add("!a:x", "Budget", "https://cloud.x/budget", 1, ["compta"]);
    documents.update(budget.id, { field: "title", value: "Budget 2027" }, 2);
    documents.update(budget.id, { field: "tags", value: ["compta", "2027"] }, 3);
    documents.update(budget.id, { field: "url", value: "https://cloud.x/budget-2027" }, 4);
    expect(documents.get(budget.id)).toMatchObject({ title: "Budget 2027", tags: ["compta", "2027"], url: "https://cloud.x/budget-2027", addedAt: 1, updatedAt: 4 });
    expect(documents.forgetMember("@camille:x")).toBe(1);
    expect(documents.get(budget.id)?.addedBy).toBeNull();
  });
});

describe("document index store", () => {
  it("keeps changes made before the index is sent, and edits only a sent index", () => {
    const { index } = setup();
    index.markDirty("!a:x", 5);
    expect(index.ofRoom("!a:x").requestedAt).toBeNull();
    expect(index.hasPending()).toBe(false);
    const record = index.recordRequested("!a:x", true, 10);
    expect(record).toMatchObject({ requestedAt: 10, pinWanted: true, eventId: null });
    index.markDirty("!a:x", 11);
    expect(index.dirtySince(100)).toEqual([]);
    index.recordSent(record.id, "$index");
    expect(index.hasPending()).toBe(true);
    expect(index.dirtySince(10)).toEqual([]);
    expect(index.dirtySince(11)).toEqual([record.id]);
    expect(index.takeEdit(record.id)).toBe(1);
    expect(index.hasPending()).toBe(false);
    index.markDirty("!a:x", 12);
    expect(index.takeEdit(record.id)).toBe(2);
  });

  it("remembers to pin an index still on its way", () => {
    const { index } = setup();
    index.recordRequested("!a:x", false, 10);
    index.wantPin("!a:x");
    expect(index.ofRoom("!a:x").pinWanted).toBe(true);
  });
});

describe("link checks store", () => {
  it("makes a link due an interval after it was added, then an interval after each check", () => {
    const { add, checks } = setup();
    const budget = add("!a:x", "Budget", "https://cloud.x/budget", 0);
    expect(checks.due(WEEK - 1, WEEK, 10)).toEqual([]);
    expect(checks.due(WEEK, WEEK, 10).map((document) => document.id)).toEqual([budget.id]);
    checks.recordWorking(budget.id, WEEK);
    expect(checks.due(2 * WEEK - 1, WEEK, 10)).toEqual([]);
    expect(checks.due(2 * WEEK, WEEK, 10)).toHaveLength(1);
  });

  it("retries only the first failure of a spell early, and counts failures until the link works", () => {
    const { add, checks } = setup();
    const budget = add("!a:x", "Budget", "https://cloud.x/budget", 0);
    expect(checks.recordFailure(budget.id, { ok: false, reason: "timeout" }, WEEK + 3_600_000, WEEK)).toEqual({ failures: 1, reported: false });
    expect(checks.due(WEEK + 3_600_000, WEEK, 10)).toHaveLength(1);
    expect(checks.recordFailure(budget.id, { ok: false, reason: "timeout" }, WEEK + 7_200_000, WEEK + 3_600_000)).toEqual({ failures: 2, reported: false });
    expect(checks.due(WEEK + 7_200_000, WEEK, 10)).toEqual([]);
    checks.markReported(budget.id, WEEK + 3_600_000);
    expect(checks.recordFailure(budget.id, { ok: false, reason: "http", status: 404 }, null, 2 * WEEK + 3_600_000)).toEqual({ failures: 3, reported: true });
    checks.recordWorking(budget.id, 3 * WEEK + 3_600_000);
    expect(checks.recordFailure(budget.id, { ok: false, reason: "http", status: 404 }, null, 4 * WEEK + 3_600_000)).toEqual({ failures: 1, reported: false });
  });

  it("starts afresh when the link changes, and skips rooms Minou has left", () => {
    const { stores, add, checks, documents } = setup();
    const budget = add("!a:x", "Budget", "https://cloud.x/budget", 0);
    checks.recordFailure(budget.id, { ok: false, reason: "http", status: 404 }, null, WEEK);
    checks.markReported(budget.id, WEEK);
    documents.update(budget.id, { field: "url", value: "https://cloud.x/budget-2" }, WEEK + 1);
    expect(checks.due(2 * WEEK, WEEK, 10)).toEqual([]);
    expect(checks.recordFailure(budget.id, { ok: false, reason: "http", status: 404 }, null, 2 * WEEK + 1)).toEqual({ failures: 1, reported: false });
    add("!b:x", "Planning", "https://pad.x/planning", 0);
    stores.rooms.recordLeave("!b:x", 1);
    expect(checks.due(10 * WEEK, WEEK, 10).map((document) => document.roomId)).toEqual(["!a:x"]);
  });
});
