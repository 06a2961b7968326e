import { describe, expect, it } from "vitest";
import type { NewAgendaEvent } from "../../../storage/agenda/events-store.ts";
import { memoryStores } from "../../support/memory-stores.ts";

const HOUR = 3_600_000;

function newEvent(roomId: string, title: string, startsAt = 10 * HOUR): NewAgendaEvent {
  return { roomId, uid: `${title}@test`, title, location: null, description: null, startsAt, endsAt: startsAt + HOUR, allDay: false, timeZone: "Europe/Paris", rrule: null, createdBy: "@camille:x" };
}

function setup() {
  const stores = memoryStores();
  stores.rooms.recordJoin("!a:x", 0);
  stores.rooms.recordJoin("!b:x", 0);
  return stores;
}

describe("agenda events store", () => {
  it("numbers events per room, and finds them only in their own room", () => {
    const { agenda } = setup();
    const loto = agenda.events.create(newEvent("!a:x", "Loto"), 1);
    const chorale = agenda.events.create(newEvent("!a:x", "Chorale"), 2);
    const other = agenda.events.create(newEvent("!b:x", "Vide-grenier"), 3);
    expect([loto.number, chorale.number, other.number]).toEqual([1, 2, 1]);
    expect(agenda.events.byNumber("!a:x", 2)?.title).toBe("Chorale");
    expect(agenda.events.byNumber("!b:x", 2)).toBeUndefined();
    expect(agenda.events.inRoom("!b:x").map((event) => event.title)).toEqual(["Vide-grenier"]);
  });

  it("bumps SEQUENCE and the feed version on every visible change, and keeps cancelled events", () => {
    const { agenda } = setup();
    const event = agenda.events.create(newEvent("!a:x", "Loto"), 1);
    const before = agenda.events.version("!a:x");
    agenda.events.update(event.id, { field: "location", value: "Salle des fêtes" }, 2);
    agenda.events.update(event.id, { field: "timing", startsAt: 20 * HOUR, endsAt: 22 * HOUR, allDay: false, rrule: null }, 3);
    agenda.events.cancel(event.id, 4);
    const after = agenda.events.get(event.id);
    expect(after).toMatchObject({ location: "Salle des fêtes", startsAt: 20 * HOUR, status: "cancelled", sequence: 3 });
    expect(agenda.events.version("!a:x")).not.toBe(before);
    expect(agenda.events.timingChangedAt(event.id)).toBe(3);
    expect(agenda.events.inRoom("!a:x")).toHaveLength(1);
  });

  it("keeps per-occurrence changes, and drops them when the whole series is rescheduled", () => {
    const { agenda } = setup();
    const weekly = agenda.events.create({ ...newEvent("!a:x", "Chorale"), rrule: "FREQ=WEEKLY" }, 1);
    agenda.events.changeOccurrence(weekly.id, { originalStart: weekly.startsAt + 7 * 24 * HOUR, cancelled: true }, 2);
    agenda.events.changeOccurrence(weekly.id, { originalStart: weekly.startsAt + 14 * 24 * HOUR, cancelled: false, startsAt: 1, endsAt: 2 }, 3);
    expect(agenda.events.get(weekly.id)?.exceptions).toHaveLength(2);
    expect(agenda.events.inRoom("!a:x")[0]?.exceptions).toHaveLength(2);
    agenda.events.update(weekly.id, { field: "timing", startsAt: 5, endsAt: 6, allDay: false, rrule: "FREQ=DAILY" }, 4);
    expect(agenda.events.get(weekly.id)?.exceptions).toEqual([]);
  });

  it("lists public events across rooms, with their own version", () => {
    const { agenda } = setup();
    const a = agenda.events.create(newEvent("!a:x", "Loto"), 1);
    agenda.events.create(newEvent("!b:x", "Privé"), 1);
    const before = agenda.events.publicVersion();
    agenda.events.setPublic(a.id, true, 5);
    expect(agenda.events.publicEvents().map((event) => event.title)).toEqual(["Loto"]);
    expect(agenda.events.publicVersion()).not.toBe(before);
  });
});

describe("agenda answers store", () => {
  it("keeps each member's latest answer and falls back when a reaction is withdrawn", () => {
    const { agenda } = setup();
    const event = agenda.events.create(newEvent("!a:x", "Loto"), 1);
    agenda.answers.record(event.id, "@camille:x", "yes", "$r1", 10);
    agenda.answers.record(event.id, "@camille:x", "no", "$r2", 20);
    agenda.answers.record(event.id, "@dominique:x", "maybe", "$r3", 15);
    agenda.answers.record(event.id, "@dominique:x", "maybe", "$r3", 15);
    expect(agenda.answers.counts(event.id)).toEqual({ yes: 0, maybe: 1, no: 1 });
    expect(agenda.answers.withdrawReaction("$r2")).toBe(event.id);
    expect(agenda.answers.counts(event.id)).toEqual({ yes: 1, maybe: 1, no: 0 });
    expect(agenda.answers.withdrawReaction("$unknown")).toBeUndefined();
    agenda.answers.replace(event.id, "@camille:x", "maybe", 30);
    expect(agenda.answers.answers(event.id).map((answer) => `${answer.userId}=${answer.answer}`)).toEqual(["@dominique:x=maybe", "@camille:x=maybe"]);
  });
});

describe("reminders, digests, feed tokens, announcements", () => {
  it("claims each reminder once", () => {
    const { agenda } = setup();
    const event = agenda.events.create(newEvent("!a:x", "Loto"), 1);
    expect(agenda.reminders.claim(event.id, 100, 60, 40, "sent", 41)).toBe(true);
    expect(agenda.reminders.claim(event.id, 100, 60, 40, "sent", 42)).toBe(false);
    expect(agenda.reminders.claim(event.id, 100, 1440, 40, "skipped", 42)).toBe(true);
    expect(agenda.digests.claim("!a:x", 7, 8)).toBe(true);
    expect(agenda.digests.claim("!a:x", 7, 9)).toBe(false);
  });

  it("gives each room a 128-bit token, revoked at once on renewal or when Minou leaves", () => {
    const { agenda } = setup();
    const token = agenda.feedTokens.tokenFor("!a:x", 1);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(agenda.feedTokens.tokenFor("!a:x", 2)).toBe(token);
    expect(agenda.feedTokens.roomFor(token)).toBe("!a:x");
    const renewed = agenda.feedTokens.renew("!a:x", 3);
    expect(renewed).not.toBe(token);
    expect(agenda.feedTokens.roomFor(token)).toBeUndefined();
    agenda.feedTokens.revokeAll("!a:x", 4);
    expect(agenda.feedTokens.roomFor(renewed)).toBeUndefined();
  });

  it("marks an announcement for one edit per burst of changes", () => {
    const { agenda } = setup();
    const event = agenda.events.create(newEvent("!a:x", "Loto"), 1);
    agenda.announcements.markDirty(event.id, 10);
    expect(agenda.announcements.hasPending()).toBe(false);
    agenda.events.setAnnouncement(event.id, "$announce");
    agenda.announcements.markDirty(event.id, 10);
    agenda.announcements.markDirty(event.id, 12);
    expect(agenda.announcements.dirtySince(11)).toEqual([event.id]);
    expect(agenda.announcements.takeEdit(event.id)).toBe(1);
    expect(agenda.announcements.hasPending()).toBe(false);
    expect(agenda.events.byAnnouncement("$announce")?.id).toBe(event.id);
  });
});
