export interface FloodGuardSettings {
  readonly maxCommands: number;
  readonly perSeconds: number;
  readonly muteSeconds: number;
}

export type FloodVerdict = "allow" | "warn" | "ignore";

/**
 * Keeps one member's burst of commands from drowning a room. Times are the commands' own send
 * times, so a backlog handled after a restart is judged as it was typed, not as it is read.
 */
export class FloodGuard {
  private readonly recent = new Map<string, number[]>();
  private readonly mutedUntil = new Map<string, number>();

  constructor(private readonly settings: FloodGuardSettings) {}

  check(userId: string, at: number): FloodVerdict {
    const muted = this.mutedUntil.get(userId);
    if (muted !== undefined) {
      if (at < muted) return "ignore";
      this.mutedUntil.delete(userId);
      this.recent.delete(userId);
    }
    const windowStart = at - this.settings.perSeconds * 1000;
    const times = (this.recent.get(userId) ?? []).filter((time) => time > windowStart);
    times.push(at);
    this.recent.set(userId, times);
    if (times.length <= this.settings.maxCommands) return "allow";
    this.mutedUntil.set(userId, at + this.settings.muteSeconds * 1000);
    this.recent.delete(userId);
    return "warn";
  }
}
