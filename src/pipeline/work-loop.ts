/**
 * Runs `work` whenever woken, one run at a time; a wake during a run causes one more run, so
 * nothing queued meanwhile waits for the next wake.
 */
export class WorkLoop {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  wake(): void {
    if (this.stopped) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves once the current run (and any run it asked for) is over. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** Stops waking and waits for the current run to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.work();
      } catch (error) {
        this.onError(error);
      }
    } while (this.again && !this.stopped);
  }
}
