import type { LinkStatus } from "../../src/documents/link-check.ts";
import type { RoomDocument } from "../../src/documents/model.ts";
import type { Db } from "../database.ts";
import { toDocument, type DocumentRow } from "./documents-store.ts";

export type LinkProblem = Exclude<LinkStatus, { ok: true }>;

/** What the dead-link check knows of a document's link after recording a failure. */
export interface FailureRecord {
  /** Failed checks in a row, this one included. */
  readonly failures: number;
  /** Whether this broken spell was already reported to the room. */
  readonly reported: boolean;
}

/**
 * The dead-link check's memory, per document: when its link was last checked, how many checks in
 * a row failed, and whether the room was told. A report is made once per broken spell: a link
 * that works again clears it, so breaking later is reported again.
 */
export class DocumentLinkChecksStore {
  private readonly selectDue;
  private readonly updateWorking;
  private readonly updateFailure;
  private readonly updateReported;

  constructor(db: Db) {
    // Documents of rooms Minou has left are not checked (nobody would see the report).
    this.selectDue = db.prepare<[{ now: number; since: number; limit: number }], DocumentRow>(
      `SELECT documents.* FROM documents JOIN rooms ON rooms.room_id = documents.room_id AND rooms.membership = 'join'
       WHERE (link_retry_at IS NOT NULL AND link_retry_at <= @now) OR coalesce(link_checked_at, url_since) <= @since
       ORDER BY coalesce(link_retry_at, link_checked_at, url_since), documents.id LIMIT @limit`,
    );
    this.updateWorking = db.prepare<[number, number]>(
      `UPDATE documents SET link_checked_at = ?, link_failures = 0, link_problem = NULL, link_retry_at = NULL, link_reported_at = NULL
       WHERE id = ?`,
    );
    this.updateFailure = db.prepare<[number, string, number | null, number], { failures: number; reported_at: number | null }>(
      `UPDATE documents SET link_checked_at = ?, link_failures = link_failures + 1, link_problem = ?,
         link_retry_at = CASE WHEN link_failures = 0 THEN ? ELSE NULL END
       WHERE id = ? RETURNING link_failures AS failures, link_reported_at AS reported_at`,
    );
    this.updateReported = db.prepare<[number, number]>("UPDATE documents SET link_reported_at = ? WHERE id = ?");
  }

  /** Documents whose link was last checked (or set) `intervalMs` ago or more, or whose retry has come. */
  due(now: number, intervalMs: number, limit: number): RoomDocument[] {
    return this.selectDue.all({ now, since: now - intervalMs, limit }).map(toDocument);
  }

  recordWorking(id: number, now: number): void {
    this.updateWorking.run(now, id);
  }

  /**
   * `retryAt`: when to check again, before the usual interval, a failure that may pass (null for
   * none). Only the first failure of a spell is retried early; later ones wait the interval.
   */
  recordFailure(id: number, problem: LinkProblem, retryAt: number | null, now: number): FailureRecord {
    const row = this.updateFailure.get(now, JSON.stringify(problem), retryAt, id);
    return { failures: row?.failures ?? 0, reported: row?.reported_at !== null && row?.reported_at !== undefined };
  }

  markReported(id: number, now: number): void {
    this.updateReported.run(now, id);
  }
}
