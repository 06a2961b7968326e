import { describe, expect, it } from "vitest";
import { memoryStores } from "../support/memory-stores.ts";

describe("RoomsStore", () => {
  it("follows a room from invite to join to leave", () => {
    const { rooms } = memoryStores();
    rooms.recordInvite("!r:x", "@camille:x", "Jardins partagés");
    expect(rooms.get("!r:x")).toMatchObject({ membership: "invite", inviter: "@camille:x", name: "Jardins partagés" });
    expect(rooms.withMembership("invite").map((room) => room.roomId)).toEqual(["!r:x"]);
    rooms.recordJoin("!r:x", 1000);
    rooms.recordJoin("!r:x", 5000);
    expect(rooms.get("!r:x")).toMatchObject({ membership: "join", joinedAt: 1000 });
    rooms.recordLeave("!r:x", 9000);
    expect(rooms.get("!r:x")).toMatchObject({ membership: "leave", leftAt: 9000 });
    rooms.recordJoin("!r:x", 12000);
    expect(rooms.get("!r:x")).toMatchObject({ membership: "join", joinedAt: 12000, leftAt: null });
  });

  it("keeps a refused invite refused when the leave shows up in sync", () => {
    const { rooms } = memoryStores();
    rooms.recordInvite("!r:x", "@intrus:ailleurs.org", null);
    rooms.recordRejectedInvite("!r:x", 10);
    rooms.recordLeave("!r:x", 20);
    expect(rooms.get("!r:x")?.membership).toBe("rejected");
  });

  it("does not turn a joined room back into an invite", () => {
    const { rooms } = memoryStores();
    rooms.recordJoin("!r:x", 1);
    rooms.recordInvite("!r:x", "@camille:x", "Nouveau nom");
    expect(rooms.get("!r:x")?.membership).toBe("join");
  });

  it("stores language, time zone, name and encryption", () => {
    const { rooms } = memoryStores();
    rooms.recordJoin("!r:x", 1);
    rooms.setLanguage("!r:x", "en");
    rooms.setTimeZone("!r:x", "America/Cayenne");
    rooms.setName("!r:x", "Théâtre");
    rooms.recordEncrypted("!r:x");
    expect(rooms.get("!r:x")).toMatchObject({
      language: "en",
      timeZone: "America/Cayenne",
      name: "Théâtre",
      encrypted: true,
    });
  });

  it("only moves last activity forward", () => {
    const { rooms } = memoryStores();
    rooms.recordJoin("!r:x", 1);
    rooms.recordActivity("!r:x", 50);
    rooms.recordActivity("!r:x", 20);
    expect(rooms.get("!r:x")?.lastActivityAt).toBe(50);
  });
});
