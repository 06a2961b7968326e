import type { Stores } from "../../storage/index.ts";
import type { Logger } from "../log.ts";

/** How many failing items are remembered (the oldest is forgotten first): a bound, not a budget. */
const REMEMBERED = 1_000;

/**
 * The items of a scheduled job (a room's welcome, a reminder, a poll to close) taken one at a time:
 * one whose work throws is rolled back and skipped, and the others go on. It stays due, so the
 * next tick tries it again; its failure is logged once, with its context, not on every tick.
 */
export class JobItems {
  private readonly failing = new Set<string>();

  constructor(
    private readonly job: string,
    private readonly stores: Pick<Stores, "transaction">,
    private readonly log: Logger,
  ) {}

  /** What `work` returns, or undefined when it threw: it runs in its own savepoint, undone then. */
  attempt<T>(item: string, details: Readonly<Record<string, unknown>>, work: () => T): T | undefined {
    try {
      const result = this.stores.transaction(work);
      if (this.failing.delete(item)) this.log.info("scheduled item works again", { job: this.job, item });
      return result;
    } catch (error) {
      if (this.failing.has(item)) {
        this.log.debug("scheduled item still failing", { job: this.job, item });
        return undefined;
      }
      this.log.error("scheduled item failed: skipped until the next tick, the others go on", { job: this.job, item, ...details, error });
      if (this.failing.size >= REMEMBERED) this.failing.delete(this.failing.values().next().value as string);
      this.failing.add(item);
      return undefined;
    }
  }

  /** Whether the item's last attempt failed. */
  isFailing(item: string): boolean {
    return this.failing.has(item);
  }
}
