import type { RoomSetting } from "../../storage/room-settings-store.ts";

/** Minutes before each occurrence when the room is reminded; null: the centre's default. */
export const reminderOffsetsSetting: RoomSetting<readonly number[] | null> = {
  key: "agenda.reminders",
  defaultValue: null,
  parse: (raw) => (Array.isArray(raw) && raw.every((value) => Number.isInteger(value) && value > 0) ? (raw as number[]) : undefined),
};

/** The weekly digest on Monday morning; off by default. */
export const weeklyDigestSetting: RoomSetting<boolean> = {
  key: "agenda.digest",
  defaultValue: false,
  parse: (raw) => (typeof raw === "boolean" ? raw : undefined),
};
