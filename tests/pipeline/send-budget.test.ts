import { afterEach, describe, expect, it, vi } from "vitest";
import { withRetry } from "../../src/matrix/retry.ts";
import { SendBudget, SendPriority } from "../../src/pipeline/send-budget.ts";
import { SendPacer } from "../../src/pipeline/send-pacer.ts";
import type { MatrixError } from "../homeserver/errors.ts";
import { Ratelimiter } from "../homeserver/rate-limits.ts";

/** Synapse's Ratelimiter for one account, as the test homeserver models it (synapse/api/ratelimiting.py). */
function synapseBucket(perSecond: number, burst: number, clock: () => number): () => { allowed: boolean; retryAfterMs: number } {
  const limiter = new Ratelimiter({ perSecond, burst }, () => clock() / 1000);
  return () => {
    try {
      limiter.ratelimit("@minou:centre.test");
      return { allowed: true, retryAfterMs: 0 };
    } catch (error) {
      return { allowed: false, retryAfterMs: Number((error as MatrixError).extra["retry_after_ms"]) };
    }
  };
}

describe("the shared send budget", () => {
  it("lets everything through at once until the homeserver says 429", async () => {
    const budget = new SendBudget();
    const started = performance.now();
    await Promise.all(Array.from({ length: 20 }, () => budget.acquire(SendPriority.Broadcast)));
    expect(performance.now() - started).toBeLessThan(50);
    expect(budget.stats).toMatchObject({ refused: 0, granted: 20 });
  });

  it("after a 429, holds everything back for retry_after_ms and lets answers go first", async () => {
    const budget = new SendBudget();
    budget.rateLimited(150);
    const order: string[] = [];
    const started = performance.now();
    const waiting = [
      budget.acquire(SendPriority.Broadcast).then(() => order.push("broadcast")),
      budget.acquire(SendPriority.LiveEdit).then(() => order.push("edit")),
      budget.acquire(SendPriority.Notify).then(() => order.push("reminder")),
      budget.acquire(SendPriority.Reply).then(() => order.push("reply")),
    ];
    await Promise.all(waiting);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(order.slice(0, 2)).toEqual(["reply", "reminder"]);
    budget.stop();
  });

  it("learns Synapse's rate from its 429s: a long broadcast is almost never refused, and answers need not wait for it", async () => {
    const budget = new SendBudget();
    const bucket = synapseBucket(40, 5, () => performance.now());
    let refused = 0;
    let accepted = 0;
    const send = async (priority: SendPriority): Promise<number> => {
      const asked = performance.now();
      for (;;) {
        await budget.acquire(priority);
        const answer = bucket();
        if (answer.allowed) {
          accepted += 1;
          return performance.now() - asked;
        }
        refused += 1;
        budget.rateLimited(answer.retryAfterMs);
      }
    };
    const started = performance.now();
    const broadcast = (async () => {
      for (let i = 0; i < 60; i += 1) await send(SendPriority.Broadcast);
    })();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const replyWait = await send(SendPriority.Reply);
    await broadcast;
    const elapsed = performance.now() - started;
    // 60 sends at 40/s after a burst of 5: the floor is 1.4 s.
    expect(elapsed).toBeGreaterThan(1_300);
    expect(elapsed).toBeLessThan(1_400 * 1.4);
    expect(refused / accepted).toBeLessThan(0.1);
    // Headroom left by the broadcast lets an answer through within about one interval (25 ms).
    expect(replyWait).toBeLessThan(150);
    budget.stop();
  });

  describe("at Synapse's real pace (0.2/s, burst 10), with simulated time", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /**
     * A 100-room broadcast (paced at 2/s, four rooms at once, as Minou sends it) with live edits
     * every 3 s and an answer every 30 s, against Synapse's bucket already holding `spent` actions.
     */
    async function broadcast(spent: number): Promise<{ refused: number; accepted: number; elapsedMs: number }> {
      vi.useFakeTimers({ now: 0, toFake: ["setTimeout", "clearTimeout", "Date"] });
      const clock = (): number => Date.now();
      const bucket = synapseBucket(0.2, 10, clock);
      for (let i = 0; i < spent; i += 1) bucket();
      await vi.advanceTimersByTimeAsync(3_000);
      const budget = new SendBudget(clock);
      const pacer = new SendPacer(2, clock);
      let refused = 0;
      let accepted = 0;
      // A few milliseconds each way, varied but the same on every run.
      let seed = 7;
      const latency = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5 + ((seed = (seed * 48_271) % 2_147_483_647) % 30)));
      const send = (priority: SendPriority, paced: boolean): Promise<void> =>
        withRetry(
          async () => {
            if (paced) await pacer.turn();
            await budget.acquire(priority);
            await latency();
            const answer = bucket();
            await latency();
            if (!answer.allowed) {
              refused += 1;
              throw { statusCode: 429, body: { errcode: "M_LIMIT_EXCEEDED", retry_after_ms: answer.retryAfterMs } };
            }
            accepted += 1;
          },
          undefined,
          (failure, delayMs) => {
            if (failure.kind !== "rateLimited") return;
            budget.rateLimited(delayMs);
            if (paced) pacer.holdFor(delayMs);
          },
        );
      const started = clock();
      const rooms = Array.from({ length: 100 }, (_, index) => index);
      let done = false;
      let delivered = 0;
      const workers = Array.from({ length: 4 }, async () => {
        while (rooms.shift() !== undefined) {
          await send(SendPriority.Broadcast, true);
          delivered += 1;
        }
      });
      const every = async (ms: number, priority: SendPriority, due: () => boolean): Promise<void> => {
        while (!done) {
          await new Promise((resolve) => setTimeout(resolve, ms));
          if (!done && due()) await send(priority, false);
        }
      };
      // The progress line is edited at most every 3 s, and only when there is progress to show.
      let shown = 0;
      const progressed = (): boolean => {
        const changed = delivered !== shown;
        shown = delivered;
        return changed;
      };
      const others = [every(3_000, SendPriority.LiveEdit, progressed), every(30_000, SendPriority.Reply, () => true)];
      const finished = Promise.all(workers).then(() => {
        done = true;
      });
      while (!done) await vi.advanceTimersByTimeAsync(1_000);
      const elapsedMs = clock() - started;
      // The answers' and edits' loops see the end at their next turn.
      await vi.advanceTimersByTimeAsync(60_000);
      await Promise.all([finished, ...others]);
      budget.stop();
      return { refused, accepted, elapsedMs };
    }

    it.each([0, 5, 8, 9])("is almost never refused, whatever the bucket held when it began (%i actions)", async (spent) => {
      const { refused, accepted, elapsedMs } = await broadcast(spent);
      expect(refused / accepted).toBeLessThan(0.05);
      // Everything accepted beyond the burst's remainder costs one 5 s interval at least.
      const floorMs = (accepted - (10 - spent)) * 5_000;
      expect(elapsedMs).toBeLessThan(floorMs * 1.35);
    });
  });
});
