import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate, openDatabase, schemaVersion } from "../../storage/database.ts";
import { migrations } from "../../storage/migrations.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("database", () => {
  it("creates every table at the latest version, with foreign keys and WAL on", () => {
    const path = join(mkdtempSync(join(tmpdir(), "minou-db-")), "data", "minou.sqlite");
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(["bot_state", "inbound_events", "outbox", "room_settings", "rooms"]));
    db.close();
  });

  it("applies only the migrations not yet applied, and keeps the data", () => {
    const db = openDatabase(":memory:");
    db.prepare("INSERT INTO bot_state (key, value) VALUES ('k', 'v')").run();
    const extra = [...migrations, "CREATE TABLE later_feature (id INTEGER PRIMARY KEY) STRICT;"];
    migrate(db, extra);
    migrate(db, extra);
    expect(schemaVersion(db)).toBe(extra.length);
    expect(db.prepare("SELECT value FROM bot_state WHERE key = 'k'").pluck().get()).toBe("v");
  });

  it("rolls a failing migration back entirely", () => {
    const db = openDatabase(":memory:");
    const broken = [...migrations, "CREATE TABLE half_done (id INTEGER) STRICT; THIS IS NOT SQL;"];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
  });

  it("rebuilds the rooms table for any catalog language without losing a room's settings, members or events", () => {
    const db = new Database(":memory:");
    db.pragma("foreign_keys = ON");
    migrate(db, migrations.slice(0, 13));
    db.prepare("INSERT INTO rooms (room_id, name, language, membership, association_name, tags) VALUES ('!a:x', 'Les Tilleuls', 'fr', 'join', 'Tilleuls', '[\"culture\"]')").run();
    db.prepare("INSERT INTO room_settings (room_id, key, value) VALUES ('!a:x', 'agenda.digest', 'true')").run();
    db.prepare("INSERT INTO room_members (room_id, user_id, membership, display_name, name_key) VALUES ('!a:x', '@camille:x', 'join', 'Camille', 'camille')").run();
    expect(() => db.prepare("UPDATE rooms SET language = 'oc' WHERE room_id = '!a:x'").run()).toThrow(/CHECK/);
    migrate(db, migrations);
    expect(db.prepare("SELECT name, language, association_name, tags FROM rooms").get()).toEqual({ name: "Les Tilleuls", language: "fr", association_name: "Tilleuls", tags: '["culture"]' });
    expect(db.prepare("SELECT count(*) FROM room_settings").pluck().get()).toBe(1);
    expect(db.prepare("SELECT display_name FROM room_members").pluck().get()).toBe("Camille");
    db.prepare("UPDATE rooms SET language = 'oc' WHERE room_id = '!a:x'").run();
    // The references still hold, and foreign keys are back on: deleting the room takes its rows with it.
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    db.prepare("DELETE FROM rooms WHERE room_id = '!a:x'").run();
    expect(db.prepare("SELECT count(*) FROM room_settings").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM room_members").pluck().get()).toBe(0);
  });

  it("refuses a database written by a newer Minou", () => {
    const db = openDatabase(":memory:");
    db.pragma(`user_version = ${migrations.length + 1}`);
    expect(() => migrate(db, migrations)).toThrow(/plus récente/);
  });

  it("has STRICT tables that refuse values of the wrong type", () => {
    const db = openDatabase(":memory:");
    expect(() =>
      db.prepare("INSERT INTO rooms (room_id, membership, joined_at) VALUES ('!a:b', 'join', 'hier')").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});
