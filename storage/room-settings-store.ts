import type { Db } from "./database.ts";

/**
 * A typed per-room setting. Features declare theirs next to their code; the store keeps them as
 * JSON so adding a setting never needs a migration.
 */
export interface RoomSetting<T> {
  readonly key: string;
  readonly defaultValue: T;
  /** Turns stored JSON back into a value, or undefined when it no longer fits (default applies). */
  readonly parse: (raw: unknown) => T | undefined;
}

export class RoomSettingsStore {
  private readonly select;
  private readonly upsert;
  private readonly remove;

  constructor(db: Db) {
    this.select = db.prepare<[string, string], { value: string }>(
      "SELECT value FROM room_settings WHERE room_id = ? AND key = ?",
    );
    this.upsert = db.prepare<[string, string, string]>(
      `INSERT INTO room_settings (room_id, key, value) VALUES (?, ?, ?)
       ON CONFLICT (room_id, key) DO UPDATE SET value = excluded.value`,
    );
    this.remove = db.prepare<[string, string]>("DELETE FROM room_settings WHERE room_id = ? AND key = ?");
  }

  get<T>(roomId: string, setting: RoomSetting<T>): T {
    const row = this.select.get(roomId, setting.key);
    if (row === undefined) return setting.defaultValue;
    return setting.parse(JSON.parse(row.value)) ?? setting.defaultValue;
  }

  set<T>(roomId: string, setting: RoomSetting<T>, value: T): void {
    this.upsert.run(roomId, setting.key, JSON.stringify(value));
  }

  reset(roomId: string, setting: RoomSetting<unknown>): void {
    this.remove.run(roomId, setting.key);
  }
}
