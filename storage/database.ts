import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { migrations } from "./migrations.ts";

export type Db = Database.Database;

/**
 * Opens (creating if needed) Minou's database and brings its schema up to date.
 * `path` may be ":memory:" for tests.
 */
export function openDatabase(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  // In WAL mode NORMAL survives a process crash with every commit; only a power cut can lose
  // the last commits, and then the lost work is redone with the same transaction ids, which the
  // homeserver recognises: exactly-once holds without an fsync per command.
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  migrate(db, migrations);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/** Applies the migrations not yet applied, all in one transaction. */
export function migrate(db: Db, all: readonly string[]): void {
  const current = schemaVersion(db);
  if (current > all.length) {
    throw new Error(
      `La base de données est en version ${current}, plus récente que ce Minou (${all.length}). ` +
        "Mettez Minou à jour plutôt que de revenir en arrière.",
    );
  }
  if (current === all.length) return;
  // SQLite's way to change a table's definition (sqlite.org/lang_altertable.html, "other kinds of
  // table schema changes"): foreign keys off outside the transaction, so that rebuilding a table
  // deletes nothing that refers to it, then every reference checked before committing.
  const foreignKeys = db.pragma("foreign_keys", { simple: true }) as number;
  db.pragma("foreign_keys = OFF");
  try {
    db.transaction(() => {
      for (const sql of all.slice(current)) db.exec(sql);
      const broken = db.pragma("foreign_key_check") as unknown[];
      if (broken.length > 0) throw new Error(`migration : ${broken.length} références cassées, rien n'a été changé`);
      db.pragma(`user_version = ${all.length}`);
    })();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys === 1 ? "ON" : "OFF"}`);
  }
}
