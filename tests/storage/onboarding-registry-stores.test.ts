import { describe, expect, it } from "vitest";
import { memoryStores } from "../support/memory-stores.ts";

describe("FAQ store", () => {
  it("numbers each room's entries and the centre's separately, and shows both in a room", () => {
    const { rooms, onboarding } = memoryStores();
    rooms.recordJoin("!a:x", 0);
    rooms.recordJoin("!b:x", 0);
    onboarding.faq.add("!a:x", "Q1 ?", "R1", "@m:x", 1);
    onboarding.faq.add("!b:x", "Autre ?", "R", "@m:x", 2);
    onboarding.faq.add(null, "Horaires ?", "9h-18h", "@equipe:x", 3);
    onboarding.faq.add("!a:x", "Q2 ?", "R2", "@m:x", 4);
    expect(onboarding.faq.visibleIn("!a:x").map((entry) => `${entry.roomId === null ? "C" : ""}${entry.number} ${entry.question}`)).toEqual(["1 Q1 ?", "2 Q2 ?", "C1 Horaires ?"]);
    expect(onboarding.faq.find("!b:x", 2)).toBeUndefined();
    expect(onboarding.faq.find(null, 1)?.question).toBe("Horaires ?");
  });
});

describe("onboarding store", () => {
  it("groups newcomers per room and gives the guide once per member", () => {
    const { rooms, onboarding } = memoryStores();
    rooms.recordJoin("!a:x", 0);
    onboarding.welcome.queueWelcome("!a:x", "@b:x", 100);
    onboarding.welcome.queueWelcome("!a:x", "@a:x", 150);
    expect(onboarding.welcome.roomsDue(99)).toEqual([]);
    expect(onboarding.welcome.roomsDue(100)).toEqual(["!a:x"]);
    expect(onboarding.welcome.takeQueue("!a:x")).toEqual(["@b:x", "@a:x"]);
    expect(onboarding.welcome.roomsDue(1_000)).toEqual([]);
    expect(onboarding.welcome.claimGuide("@a:x", 5)).toBe(true);
    expect(onboarding.welcome.claimGuide("@a:x", 6)).toBe(false);
  });
});

describe("association registry", () => {
  it("keeps tags normalised, once each, and lists the tags in use", () => {
    const { rooms } = memoryStores();
    rooms.recordJoin("!a:x", 0);
    rooms.recordJoin("!b:x", 0);
    rooms.setTags("!a:x", ["#Culture", "jeunesse", "culture"]);
    rooms.setTags("!b:x", ["culture"]);
    expect(rooms.get("!a:x")?.tags).toEqual(["culture", "jeunesse"]);
    expect(rooms.knownTags()).toEqual(["culture", "jeunesse"]);
  });

  it("purges a room left long ago with everything kept for it", () => {
    const stores = memoryStores();
    stores.rooms.recordJoin("!a:x", 0);
    stores.agenda.events.create({ roomId: "!a:x", uid: "u", title: "Loto", location: null, description: null, startsAt: 1, endsAt: 2, allDay: false, timeZone: "Europe/Paris", rrule: null, createdBy: "@m:x" }, 0);
    stores.onboarding.faq.add("!a:x", "Q ?", "R", "@m:x", 0);
    stores.rooms.recordLeave("!a:x", 1_000);
    expect(stores.rooms.leftBefore(1_000)).toEqual([]);
    expect(stores.rooms.leftBefore(1_001)).toEqual(["!a:x"]);
    stores.rooms.purge("!a:x");
    expect(stores.agenda.events.inRoom("!a:x")).toEqual([]);
    expect(stores.onboarding.faq.visibleIn("!a:x")).toEqual([]);
  });
});
