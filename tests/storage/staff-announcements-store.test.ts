import { describe, expect, it } from "vitest";
import { openStores } from "../../src/features.ts";
import { openDatabase } from "../../storage/database.ts";

const draft = (author: string, sendAt: number | null = null) => ({
  author,
  staffRoomId: "!equipe:x",
  text: "Bonjour",
  tags: ["culture"],
  pin: false,
  mentionRoom: false,
  sendAt,
  timeZone: "Europe/Paris",
});

describe("StaffAnnouncementsStore and AnnouncementDeliveriesStore", () => {
  it("keeps one draft per author: a new preview replaces the last one and its rooms", () => {
    const { staffAnnouncements } = openStores(openDatabase(":memory:"));
    const { announcements, deliveries } = staffAnnouncements;
    const first = announcements.createDraft(draft("@karim:x"), 1);
    deliveries.address(first.id, [{ roomId: "!a:x", name: "A" }, { roomId: "!b:x", name: "B" }]);
    const other = announcements.createDraft(draft("@sophie:x"), 1);
    const second = announcements.createDraft({ ...draft("@karim:x"), text: "Bonsoir" }, 2);
    expect(announcements.get(first.id)).toBeUndefined();
    expect(deliveries.counts(first.id).total).toBe(0);
    expect(announcements.draftOf("@karim:x")).toMatchObject({ id: second.id, text: "Bonsoir", tags: ["culture"], status: "draft" });
    expect(announcements.draftOf("@sophie:x")?.id).toBe(other.id);
  });

  it("moves through its states once each", () => {
    const { staffAnnouncements } = openStores(openDatabase(":memory:"));
    const { announcements } = staffAnnouncements;
    const now = announcements.createDraft(draft("@karim:x"), 1);
    expect(announcements.begin(now.id, 2)).toBe(true);
    expect(announcements.begin(now.id, 3)).toBe(false);
    expect(announcements.cancelScheduled(now.id, "@karim:x")).toBe(false);
    expect(announcements.finish(now.id, 4)).toBe(true);
    expect(announcements.finish(now.id, 5)).toBe(false);
    expect(announcements.get(now.id)).toMatchObject({ status: "done", startedAt: 2, finishedAt: 4 });

    const later = announcements.createDraft(draft("@karim:x", 1_000), 1);
    expect(announcements.schedule(later.id, 2)).toBe(true);
    expect(announcements.draftOf("@karim:x")).toBeUndefined();
    expect(announcements.due(999)).toEqual([]);
    expect(announcements.due(1_000).map((announcement) => announcement.id)).toEqual([later.id]);
    expect(announcements.withStatus("scheduled").map((announcement) => announcement.id)).toEqual([later.id]);
    expect(announcements.cancelScheduled(later.id, "@sophie:x")).toBe(true);
    expect(announcements.begin(later.id, 1_000)).toBe(false);
    expect(announcements.due(1_000)).toEqual([]);
  });

  it("settles each delivery once and counts them", () => {
    const { staffAnnouncements } = openStores(openDatabase(":memory:"));
    const { announcements, deliveries } = staffAnnouncements;
    const { id } = announcements.createDraft(draft("@karim:x"), 1);
    deliveries.address(id, [{ roomId: "!a:x", name: "A" }, { roomId: "!b:x", name: "B" }, { roomId: "!c:x", name: "C" }]);
    expect(deliveries.markDelivered(id, "!a:x", "$a", "pending", 2)).toBe(true);
    expect(deliveries.markFailed(id, "!a:x", "late", 403, 3)).toBe(false);
    expect(deliveries.markFailed(id, "!b:x", "403 M_FORBIDDEN", 403, 3)).toBe(true);
    expect(deliveries.counts(id)).toEqual({ total: 3, delivered: 1, failed: 1, pinPending: 1 });
    expect(deliveries.settlePin(id, "!a:x", "pinned")).toBe(true);
    expect(deliveries.settlePin(id, "!a:x", "refused")).toBe(false);
    expect(deliveries.of(id).map((delivery) => [delivery.roomName, delivery.status, delivery.pin, delivery.failureStatus])).toEqual([
      ["A", "delivered", "pinned", null],
      ["B", "failed", null, 403],
      ["C", "pending", null, null],
    ]);
  });

  it("marks the progress line dirty since the first change, and hands out increasing revisions", () => {
    const { staffAnnouncements } = openStores(openDatabase(":memory:"));
    const { announcements } = staffAnnouncements;
    const { id } = announcements.createDraft(draft("@karim:x"), 1);
    announcements.markProgressDirty(id, 10);
    expect(announcements.hasDirtyProgress()).toBe(false);
    announcements.setProgressEvent(id, "$p");
    announcements.markProgressDirty(id, 20);
    expect(announcements.dirtyProgress(10)).toEqual([id]);
    expect(announcements.takeProgressEdit(id)).toBe(1);
    expect(announcements.dirtyProgress(100)).toEqual([]);
    announcements.markProgressDirty(id, 30);
    expect(announcements.takeProgressEdit(id)).toBe(2);
  });
});
