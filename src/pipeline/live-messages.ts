import type { Stores } from "../../storage/index.ts";
import type { Logger } from "../log.ts";
import { editContent } from "../matrix/edit-content.ts";
import { txnIdFor } from "../matrix/txn-id.ts";
import type { ScheduledJob } from "../scheduler.ts";
import { JobItems } from "../jobs/job-items.ts";

/** The new content of a live message, once its source has marked the edit as taken. */
export interface LiveEdit {
  readonly roomId: string;
  readonly originalEventId: string;
  readonly content: Record<string, unknown>;
  /** Stable per message: with the revision, it makes the edit's transaction id. */
  readonly cause: string;
  readonly revision: number;
  readonly context: string;
}

/**
 * A kind of message Minou keeps up to date by editing it (an event's announcement with its
 * answers, a poll's summary). Sources keep "dirty since" marks in the database, so a pending
 * edit survives a restart.
 */
export interface LiveMessageSource {
  hasPending(): boolean;
  /** Messages changed at or before `changedBefore`. */
  due(changedBefore: number): readonly number[];
  /** Clears the mark and returns the edit to send; runs inside the transaction that queues it. */
  takeEdit(id: number): LiveEdit | undefined;
}

/**
 * While the homeserver limits Minou's pace, a live message is edited no more often than once per
 * this many sends: its edits would otherwise take every other turn from the broadcast or the
 * messages that it keeps up to date.
 */
const PACED_EDIT_INTERVALS = 6;

/**
 * Edits live messages once per burst of changes: a change waits `debounceMs`, so a hundred
 * quick reactions make one edit. The scheduler's tick catches whatever a restart interrupted.
 * `paceMs` is the sending interval the homeserver imposes (0 when none).
 */
export class LiveMessageEditor implements ScheduledJob {
  readonly name = "live-message-edits";
  private timer: NodeJS.Timeout | undefined;
  private readonly items: JobItems;

  constructor(
    private readonly stores: Stores,
    private readonly sources: readonly LiveMessageSource[],
    private readonly debounceMs: number,
    private readonly now: () => number,
    private readonly afterQueued: () => void,
    private readonly log: Logger,
    private readonly paceMs: () => number = () => 0,
  ) {
    this.items = new JobItems(this.name, stores, log);
  }

  private get delayMs(): number {
    return Math.max(this.debounceMs, this.paceMs() * PACED_EDIT_INTERVALS);
  }

  /** Called after changes: edits once the debounce delay has passed. */
  schedule(): void {
    if (this.timer !== undefined || !this.sources.some((source) => source.hasPending())) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.run(this.now());
      } catch (error) {
        this.log.error("live message edit failed", { error });
      }
    }, this.delayMs + 50);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  run(now: number): void {
    let queued = false;
    this.sources.forEach((source, index) => {
      for (const id of source.due(now - this.delayMs)) {
        const sent = this.items.attempt(liveItem(index, id), { source: index, id }, () => {
          const edit = source.takeEdit(id);
          if (edit === undefined) return false;
          // Only the latest state matters: an older edit still waiting (for the budget, say) goes.
          this.stores.outbox.dropPendingEdits(edit.roomId, edit.originalEventId);
          this.stores.outbox.enqueue(
            {
              txnId: txnIdFor(edit.cause, edit.revision),
              roomId: edit.roomId,
              eventType: "m.room.message",
              content: editContent(edit.originalEventId, edit.content),
              context: edit.context,
            },
            now,
          );
          return true;
        });
        queued = sent === true || queued;
      }
    });
    if (queued) this.afterQueued();
    // Changes still inside their debounce window get their own turn; an edit that keeps failing
    // waits for the scheduler's tick rather than a timer of its own.
    if (this.sources.some((source, index) => source.due(Number.MAX_SAFE_INTEGER).some((id) => !this.items.isFailing(liveItem(index, id))))) this.schedule();
  }
}

function liveItem(source: number, id: number): string {
  return `source ${source} message ${id}`;
}
