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
