export interface FloodGuardSettings {
  readonly maxCommands: number;
  readonly perSeconds: number;
  readonly muteSeconds: number;
}

export type FloodVerdict = "allow" | "warn" | "ignore";

/**
 * What a command costs the room: a write (an event added, a vote, a message sent on someone's
 * behalf) or a read (help, lists, results), from the descriptor's `readOnly`.
 */
export type CommandWeight = "read" | "write";

/**
 * A read counts against `maxCommands` for this share of `perSeconds` only: a newcomer going through
 * `!aide`, `!aide agenda`, `!agenda`… is not muted, while the same reads fired in a few seconds are.
 */
export const READ_WINDOW_SHARE = 4;

/**
 * Keeps one member's burst of commands from drowning a room. Times are the commands' own send
 * times, so a backlog handled after a restart is judged as it was typed, not as it is read.
 */
export class FloodGuard {
  /** Per member, when each of their recent commands stops counting. */
  private readonly recent = new Map<string, number[]>();
  private readonly mutedUntil = new Map<string, number>();

  constructor(private readonly settings: FloodGuardSettings) {}

  check(userId: string, at: number, weight: CommandWeight = "write"): FloodVerdict {
    const muted = this.mutedUntil.get(userId);
    if (muted !== undefined) {
      if (at < muted) return "ignore";
      this.mutedUntil.delete(userId);
      this.recent.delete(userId);
    }
    const windowMs = (this.settings.perSeconds * 1000) / (weight === "read" ? READ_WINDOW_SHARE : 1);
    const counting = (this.recent.get(userId) ?? []).filter((until) => until > at);
    counting.push(at + windowMs);
    this.recent.set(userId, counting);
    if (counting.length <= this.settings.maxCommands) return "allow";
    this.mutedUntil.set(userId, at + this.settings.muteSeconds * 1000);
    this.recent.delete(userId);
    return "warn";
  }
}
