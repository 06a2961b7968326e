/** Runs tasks one after another, in the order they were given; a failure does not stop the queue. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every task given so far has finished. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
