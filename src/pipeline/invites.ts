import type { Stores } from "../../storage/index.ts";
import { inEveryLanguage } from "../i18n/every-language.ts";
import type { Logger } from "../log.ts";
import { GaveUp, withRetry, type RetryPolicy } from "../matrix/retry.ts";
import type { MatrixTransport } from "../matrix/transport.ts";

/** "@camille:exemple.fr" → "exemple.fr" (the server name may carry a port). */
export function serverOf(userId: string): string {
  return userId.slice(userId.indexOf(":") + 1);
}

/**
 * Accepts invitations from the centre's own homeservers and refuses all others. Invites are
 * kept in the database until answered, so one that arrives just before a crash is still answered;
 * a refused one is then forgotten (who sent it, the room's name): Minou has no use for it.
 */
export class InviteHandler {
  private readonly inFlight = new Map<string, Promise<void>>();
  /**
   * Rooms joined by this run that sync may still list as invites: a join is effective once
   * POST /join answers, but Synapse's next /sync can show the invite again, and joining twice
   * spends the join allowance (rc_joins: 0.1/s after a burst of 10).
   */
  private readonly joined = new Set<string>();

  constructor(
    private readonly stores: Stores,
    private readonly transport: MatrixTransport,
    private readonly allowedServers: readonly string[],
    private readonly log: Logger,
    private readonly retryPolicy: RetryPolicy,
  ) {}

  /** Answers every invite not answered yet. */
  answerPending(): void {
    for (const roomId of this.joined) {
      if (this.stores.rooms.get(roomId)?.membership !== "invite") this.joined.delete(roomId);
    }
    for (const room of this.stores.rooms.withMembership("invite")) {
      if (this.inFlight.has(room.roomId) || this.joined.has(room.roomId) || room.inviter === null) continue;
      const answering = this.answer(room.roomId, room.inviter).finally(() => this.inFlight.delete(room.roomId));
      this.inFlight.set(room.roomId, answering);
    }
  }

  async waitForIdle(): Promise<void> {
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private async answer(roomId: string, inviter: string): Promise<void> {
    const server = serverOf(inviter);
    try {
      if (this.allowedServers.includes(server)) {
        await withRetry(() => this.transport.joinRoom(roomId), this.retryPolicy);
        this.joined.add(roomId);
        this.log.info("joined room", { roomId, inviter });
        return;
      }
      await withRetry(
        () => this.transport.leaveRoom(roomId, inEveryLanguage("runtime.inviteRefused")),
        this.retryPolicy,
      );
      this.stores.rooms.forgetInvite(roomId);
      this.log.warn("refused invite from a server not allowed", { roomId, inviter, server });
    } catch (error) {
      if (error instanceof GaveUp && error.failure.kind === "permanent") {
        // The invite was withdrawn or the room is gone: nothing left to answer.
        this.stores.rooms.forgetInvite(roomId);
        this.log.warn("invite could not be answered", { roomId, inviter, error: error.message });
        return;
      }
      this.log.error("invite answer postponed", { roomId, inviter, error });
    }
  }
}
