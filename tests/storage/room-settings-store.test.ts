import { describe, expect, it } from "vitest";
import type { RoomSetting } from "../../storage/room-settings-store.ts";
import { memoryStores } from "../support/memory-stores.ts";

const reminders: RoomSetting<readonly number[]> = {
  key: "agenda.reminders",
  defaultValue: [1440, 60],
  parse: (raw) => (Array.isArray(raw) && raw.every((value) => typeof value === "number") ? raw : undefined),
};

describe("RoomSettingsStore", () => {
  it("returns the default until a room sets its own value, per room", () => {
    const { rooms, roomSettings } = memoryStores();
    rooms.recordJoin("!a:x", 1);
    rooms.recordJoin("!b:x", 1);
    expect(roomSettings.get("!a:x", reminders)).toEqual([1440, 60]);
    roomSettings.set("!a:x", reminders, [30]);
    expect(roomSettings.get("!a:x", reminders)).toEqual([30]);
    expect(roomSettings.get("!b:x", reminders)).toEqual([1440, 60]);
    roomSettings.reset("!a:x", reminders);
    expect(roomSettings.get("!a:x", reminders)).toEqual([1440, 60]);
  });

  it("falls back to the default when a stored value no longer fits", () => {
    const { rooms, roomSettings, db } = memoryStores();
    rooms.recordJoin("!a:x", 1);
    db.prepare("INSERT INTO room_settings (room_id, key, value) VALUES ('!a:x', 'agenda.reminders', '\"oops\"')").run();
    expect(roomSettings.get("!a:x", reminders)).toEqual([1440, 60]);
  });

  it("refuses settings for a room Minou does not know (foreign key)", () => {
    const { roomSettings } = memoryStores();
    expect(() => roomSettings.set("!unknown:x", reminders, [5])).toThrow(/FOREIGN KEY/);
  });
});
