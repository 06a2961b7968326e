import { schedule, type ScheduledTask } from "node-cron";
import type { Logger } from "./log.ts";

/**
 * A job the scheduler runs on every tick. The database is its source of truth: it asks the stores
 * what is due at `now` and marks it done in the transaction that records the effect, so a tick
 * run twice, or after a crash, never does the same work twice.
 */
export interface ScheduledJob {
  readonly name: string;
  run(now: number): void | Promise<void>;
}

/** Every `tickSeconds`, runs each job in turn; a slow tick is never overlapped by the next. */
export class Scheduler {
  private task: ScheduledTask | undefined;
  private current: Promise<void> | undefined;

  constructor(
    private readonly jobs: readonly ScheduledJob[],
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly tickSeconds = 30,
  ) {}

  start(): void {
    if (this.task !== undefined) return;
    this.task = schedule(`*/${this.tickSeconds} * * * * *`, () => this.tick(), { noOverlap: true, name: "minou-scheduler" });
  }

  /** One tick now (also what the cron task calls). */
  tick(): Promise<void> {
    this.current ??= this.runJobs(this.now()).finally(() => {
      this.current = undefined;
    });
    return this.current;
  }

  /**
   * A tick that starts after this call: a tick already under way read the clock before it, so it
   * is awaited first (what `Minou.tick()` promises its caller: the jobs run as of now).
   */
  async tickAfterCurrent(): Promise<void> {
    await this.current;
    await this.tick();
  }

  async stop(): Promise<void> {
    await this.task?.destroy();
    this.task = undefined;
    await this.current;
  }

  private async runJobs(now: number): Promise<void> {
    for (const job of this.jobs) {
      try {
        await job.run(now);
      } catch (error) {
        this.log.error("scheduled job failed", { job: job.name, error });
      }
    }
  }
}
