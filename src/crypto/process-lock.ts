import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

export class AlreadyRunningError extends Error {}

/**
 * Only one Minou may use a data directory: two processes on one crypto store would each advance
 * the same Olm and Megolm ratchets and corrupt them. The lock is an exclusive SQLite lock on a
 * small file of its own, held for the life of the process: the operating system releases it when
 * the process ends, even on kill -9, so a crash never leaves a stale lock behind.
 */
export class ProcessLock {
  private constructor(private readonly db: Database.Database) {}

  static acquire(dataDirectory: string): ProcessLock {
    mkdirSync(dataDirectory, { recursive: true });
    const path = join(dataDirectory, "minou.lock");
    const db = new Database(path, { timeout: 0 });
    try {
      db.pragma("journal_mode = DELETE");
      db.pragma("locking_mode = EXCLUSIVE");
      db.exec("CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, since INTEGER NOT NULL)");
      db.transaction(() => {
        db.exec("DELETE FROM holder");
        db.prepare("INSERT INTO holder (pid, since) VALUES (?, ?)").run(process.pid, Date.now());
      }).exclusive();
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === "SQLITE_BUSY") {
        throw new AlreadyRunningError(
          `Un autre Minou utilise déjà ${dataDirectory} (verrou ${path}). Un seul Minou à la fois peut se servir de ses clés de chiffrement : arrêtez l'autre d'abord.`,
        );
      }
      throw error;
    }
    return new ProcessLock(db);
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}
