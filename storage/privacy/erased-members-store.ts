import type { Db } from "../database.ts";

/**
 * What stands in a NOT NULL author column once its member erased their data (agenda events,
 * polls, trainings): the record stays for the room, the name goes. Nullable columns use NULL.
 */
export const FORGOTTEN_MEMBER = "";

/**
 * Members who erased their data, and when. Their poll responses and reactions live in Matrix
 * events Minou cannot delete: a recount or a late sync could bring the older ones back, so those
 * sent before the erasure are ignored (what they send afterwards counts as usual).
 */
export class ErasedMembersStore {
  private readonly upsert;
  private readonly select;
  private readonly deleteForgettable;

  constructor(db: Db) {
    this.upsert = db.prepare<[string, number]>(
      `INSERT INTO erased_members (user_id, erased_at) VALUES (?, ?)
       ON CONFLICT (user_id) DO UPDATE SET erased_at = max(erased_at, excluded.erased_at)`,
    );
    this.select = db.prepare<[string], { erased_at: number }>("SELECT erased_at FROM erased_members WHERE user_id = ?");
    // Only open native polls are ever recounted: once none started before the erasure is left open, and
    // late events can no longer arrive, the record has nothing left to guard.
    this.deleteForgettable = db.prepare<[number]>(
      `DELETE FROM erased_members WHERE erased_at < ?
       AND NOT EXISTS (SELECT 1 FROM polls WHERE closed_at IS NULL AND start_event_id IS NOT NULL AND created_at <= erased_members.erased_at)`,
    );
  }

  record(userId: string, at: number): void {
    this.upsert.run(userId, at);
  }

  erasedAt(userId: string): number | undefined {
    return this.select.get(userId)?.erased_at;
  }

  /** True for something the member sent before they erased their data: it must not come back. */
  sentBeforeErasure(userId: string, sentAt: number): boolean {
    const erasedAt = this.erasedAt(userId);
    return erasedAt !== undefined && sentAt <= erasedAt;
  }

  /** Forgets erasures older than `before` that no open poll can still be recounted against. */
  purge(before: number): number {
    return this.deleteForgettable.run(before).changes;
  }
}
