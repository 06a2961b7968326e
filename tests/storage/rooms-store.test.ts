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

  it("forgets a refused invite, and the leave that shows up in sync afterwards brings nothing back", () => {
    const { rooms } = memoryStores();
    rooms.recordInvite("!r:x", "@intrus:ailleurs.org", "Ailleurs");
    rooms.forgetInvite("!r:x");
    rooms.recordLeave("!r:x", 20);
    expect(rooms.get("!r:x")).toBeUndefined();
  });

  it("puts a room Minou had left back as it was when a new invite to it is refused", () => {
    const { rooms } = memoryStores();
    rooms.recordInvite("!r:x", "@camille:x", "Chorale");
    rooms.recordJoin("!r:x", 1000);
    rooms.recordLeave("!r:x", 9000);
    rooms.recordInvite("!r:x", "@intrus:ailleurs.org", "Chorale");
    rooms.forgetInvite("!r:x");
    expect(rooms.get("!r:x")).toMatchObject({ membership: "leave", leftAt: 9000, inviter: null, joinedAt: 1000 });
    expect(rooms.leftBefore(10_000)).toEqual(["!r:x"]);
  });

  it("leaves members' direct messages out of the association rooms, however they were opened", () => {
    const stores = memoryStores();
    const { rooms } = stores;
    for (const roomId of ["!asso:x", "!dm-m-direct:x", "!dm-by-minou:x"]) rooms.recordJoin(roomId, 1);
    rooms.recordInvite("!asso-invite:x", "@camille:x", null, false);
    rooms.recordJoin("!asso-invite:x", 2);
    rooms.markDirect("!dm-m-direct:x");
    stores.directRooms.record("@sacha:x", "!dm-by-minou:x", 1);
    // The is_direct invite comes before Minou joins: the flag survives the join.
    rooms.recordInvite("!dm-later:x", "@dominique:x", null, true);
    rooms.recordJoin("!dm-later:x", 3);
    expect(rooms.associationRooms().map((room) => room.roomId)).toEqual(["!asso-invite:x", "!asso:x"]);
    expect(rooms.get("!dm-later:x")?.direct).toBe(true);
    expect(["!asso:x", "!dm-later:x", "!dm-m-direct:x", "!dm-by-minou:x"].map((roomId) => stores.directRooms.isDirectRoom(roomId))).toEqual([false, true, true, true]);
    // A later invite without is_direct (a member widening the DM) does not make it an association room.
    rooms.recordLeave("!dm-later:x", 4);
    rooms.recordInvite("!dm-later:x", "@dominique:x", null, false);
    expect(rooms.get("!dm-later:x")?.direct).toBe(true);
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
