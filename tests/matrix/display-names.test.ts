import { describe, expect, it } from "vitest";
import { calculateDisplayName, memberName, RoomMemberNames, shouldDisambiguate } from "../../src/matrix/display-names.ts";
import { SyncIntake, type SyncResponse } from "../../src/pipeline/sync-intake.ts";
import { RoomStateCache } from "../../src/pipeline/room-state.ts";
import { memberCountsJob } from "../../src/registry/member-counts.ts";
import { captureLog } from "../support/capture-log.ts";
import { memoryStores } from "../support/memory-stores.ts";
import { RecordingTransport } from "../support/recording-transport.ts";
import { openDatabase } from "../../storage/database.ts";
import { openStores } from "../../src/features.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOM = "!asso:centre.test";
const OTHER = "!autre:centre.test";
const BOT = "@minou:centre.test";
const CAMILLE = "@camille:centre.test";
const SAM1 = "@sam1:centre.test";
const SAM2 = "@sam2:centre.test";

let batch = 0;
function member(userId: string, content: Record<string, unknown>, ts = 1000) {
  return { type: "m.room.member", state_key: userId, sender: userId, event_id: `$m${(batch += 1)}`, origin_server_ts: ts, content };
}

/** A sync answer with member events in `roomId`'s timeline, as the intake gets them. */
function syncWith(roomId: string, events: ReturnType<typeof member>[]): SyncResponse {
  return { next_batch: `s${(batch += 1)}`, rooms: { join: { [roomId]: { timeline: { events } } } } };
}

function intakeOver(stores = memoryStores()) {
  const transport = new RecordingTransport();
  const names = new RoomMemberNames(stores.roomMembers);
  const intake = new SyncIntake({ stores, botUserId: BOT, roomState: new RoomStateCache(transport, { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 }, names), now: () => 5000 });
  return { stores, intake, names };
}

describe("names as Element shows them (matrix-js-sdk calculateDisplayName)", () => {
  it("uses the Matrix ID when there is no name, an empty one, only hidden characters, or the ID itself", () => {
    expect(calculateDisplayName(CAMILLE, undefined, false)).toBe(CAMILLE);
    expect(calculateDisplayName(CAMILLE, "", false)).toBe(CAMILLE);
    expect(calculateDisplayName(CAMILLE, " \u200B\u200D ", false)).toBe(CAMILLE);
    expect(calculateDisplayName(CAMILLE, CAMILLE, false)).toBe(CAMILLE);
    expect(calculateDisplayName(CAMILLE, "Camille Martin", false)).toBe("Camille Martin");
  });

  it("disambiguates a name that looks like a Matrix ID or carries direction marks, and strips overrides", () => {
    const none = (): boolean => false;
    expect(shouldDisambiguate(CAMILLE, "@admin:centre.test", none)).toBe(true);
    expect(shouldDisambiguate(CAMILLE, "Cam\u200Fille", none)).toBe(true);
    expect(shouldDisambiguate(CAMILLE, "Camille", none)).toBe(false);
    expect(calculateDisplayName(CAMILLE, "@admin:centre.test", true)).toBe(`@admin:centre.test (${CAMILLE})`);
    expect(calculateDisplayName(CAMILLE, "\u202Eelli", false)).toBe("elli");
  });

  it("cuts a very long name on one line, never the Matrix ID", () => {
    const name = calculateDisplayName(CAMILLE, `${"Camille ".repeat(20)}\nMartin`, true);
    expect(name).toMatch(new RegExp(`^Camille( Camille)+…? \\(${CAMILLE}\\)$`, "u"));
    expect(name.length).toBeLessThan(48 + CAMILLE.length + 4);
  });
});

describe("the resolver over the members sync brought", () => {
  it("names a member, follows a name change, and forgets the name when they leave", () => {
    const { stores, intake, names } = intakeOver();
    expect(names.displayName(ROOM, CAMILLE)).toBe(CAMILLE);
    intake.ingest(syncWith(ROOM, [member(CAMILLE, { membership: "join", displayname: "Camille" })]));
    expect(names.displayName(ROOM, CAMILLE)).toBe("Camille");
    intake.ingest(syncWith(ROOM, [member(CAMILLE, { membership: "join", displayname: "Camille Martin" })]));
    expect(names.displayName(ROOM, CAMILLE)).toBe("Camille Martin");
    intake.ingest(syncWith(ROOM, [member(CAMILLE, { membership: "leave" })]));
    expect(names.displayName(ROOM, CAMILLE)).toBe(CAMILLE);
    expect(stores.roomMembers.get(ROOM, CAMILLE)).toEqual({ membership: "leave", displayName: null });
  });

  it("takes a look-alike name for the same name, as Element does (Cyrillic Ѕ for S)", () => {
    const { intake, names } = intakeOver();
    intake.ingest(syncWith(ROOM, [member(SAM1, { membership: "join", displayname: "Sam" }), member(SAM2, { membership: "join", displayname: "\u0405am" })]));
    expect(names.displayName(ROOM, SAM1)).toBe(`Sam (${SAM1})`);
    expect(names.displayName(ROOM, SAM2)).toBe(`\u0405am (${SAM2})`);
  });

  it("tells two members of one room with the same name apart, and stops once one leaves or renames", () => {
    const { intake, names } = intakeOver();
    intake.ingest(syncWith(ROOM, [member(SAM1, { membership: "join", displayname: "Sam" }), member(SAM2, { membership: "invite", displayname: "Sam\u200B" })]));
    expect(names.displayName(ROOM, SAM1)).toBe(`Sam (${SAM1})`);
    expect(names.displayName(ROOM, SAM2)).toBe(`Sam\u200B (${SAM2})`);
    // Another room is another room: a single Sam there.
    intake.ingest(syncWith(OTHER, [member(SAM1, { membership: "join", displayname: "Sam" })]));
    expect(names.displayName(OTHER, SAM1)).toBe("Sam");
    intake.ingest(syncWith(ROOM, [member(SAM2, { membership: "leave" })]));
    expect(names.displayName(ROOM, SAM1)).toBe("Sam");
  });

  it("keeps the names across a restart (a sync with a token brings no full state)", () => {
    const path = join(mkdtempSync(join(tmpdir(), "minou-names-")), "minou.db");
    const first = openStores(openDatabase(path));
    intakeOver(first).intake.ingest(syncWith(ROOM, [member(CAMILLE, { membership: "join", displayname: "Camille Martin" })]));
    first.db.close();
    const again = openStores(openDatabase(path));
    expect(new RoomMemberNames(again.roomMembers).displayName(ROOM, CAMILLE)).toBe("Camille Martin");
    again.db.close();
  });

  it("names a member of a centre-wide record from a room Minou shares with them", () => {
    const { intake, stores } = intakeOver();
    intake.ingest(syncWith(OTHER, [member(CAMILLE, { membership: "join", displayname: "Camille Martin" })]));
    expect(memberName(stores, [ROOM, null], CAMILLE)).toBe("Camille Martin");
    expect(memberName(stores, [ROOM], "@inconnu:centre.test")).toBe("@inconnu:centre.test");
  });

  it("fills in the members of a room joined before Minou kept them, from the joined-members list, without overriding sync", async () => {
    const { intake, stores, names } = intakeOver();
    intake.ingest(syncWith(ROOM, [member(CAMILLE, { membership: "join", displayname: "Camille Martin" })]));
    stores.rooms.setMemberCount(ROOM, null);
    const transport = new RecordingTransport();
    transport.memberNames[ROOM] = { [CAMILLE]: "Camille (ancien nom)", [SAM1]: "Sam", [BOT]: null };
    await memberCountsJob(stores, transport, { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 }, captureLog().log).run(5000);
    expect(stores.rooms.get(ROOM)?.memberCount).toBe(3);
    expect(names.displayName(ROOM, CAMILLE)).toBe("Camille Martin");
    expect(names.displayName(ROOM, SAM1)).toBe("Sam");
  });
});
