// One ordering for everything a client can sync: room events and account data share a single
// increasing position, so a sync token is just that position ("s<pos>") and stays valid across
// stop()/restart(). Long-polling /sync waits here until something new concerns the user, or
// (to-device messages) the one device that is syncing: "user|device" keys never clash with user IDs.

interface Waiter {
  readonly userId: string;
  readonly deviceKey: string | undefined;
  readonly since: number;
  readonly wake: () => void;
}

export class Stream {
  private position = 0;
  private lastTimestamp = 0;
  /** The newest position that concerns each user (or device): lets an idle /sync skip all room scans. */
  private readonly latestByUser = new Map<string, number>();
  private readonly waiters = new Set<Waiter>();

  get current(): number {
    return this.position;
  }

  next(): number {
    this.position += 1;
    return this.position;
  }

  /** origin_server_ts strictly increases, even for events created in the same millisecond. */
  timestamp(): number {
    this.lastTimestamp = Math.max(Date.now(), this.lastTimestamp + 1);
    return this.lastTimestamp;
  }

  latestFor(userId: string): number {
    return this.latestByUser.get(userId) ?? 0;
  }

  touch(userIds: Iterable<string>, position: number): void {
    const touched = new Set<string>();
    for (const userId of userIds) {
      this.latestByUser.set(userId, position);
      touched.add(userId);
    }
    for (const waiter of this.waiters) {
      const concerned = touched.has(waiter.userId) || (waiter.deviceKey !== undefined && touched.has(waiter.deviceKey));
      if (concerned && position > waiter.since) waiter.wake();
    }
  }

  /**
   * Resolves when the user (or their device `deviceKey`) has news after `since`, after
   * `timeoutMs`, or when `signal` aborts.
   */
  waitFor(userId: string, since: number, timeoutMs: number, signal: AbortSignal, deviceKey?: string): Promise<void> {
    const news = this.latestFor(userId) > since || (deviceKey !== undefined && this.latestFor(deviceKey) > since);
    if (news || timeoutMs <= 0 || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        signal.removeEventListener("abort", finish);
        this.waiters.delete(waiter);
        resolve();
      };
      const waiter: Waiter = { userId, deviceKey, since, wake: finish };
      const timer = setTimeout(finish, timeoutMs);
      signal.addEventListener("abort", finish);
      this.waiters.add(waiter);
    });
  }

  /** Ends every pending long-poll (used by stop(): their connections are gone anyway). */
  wakeAll(): void {
    for (const waiter of [...this.waiters]) waiter.wake();
  }
}
