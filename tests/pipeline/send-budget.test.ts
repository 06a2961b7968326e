import { describe, expect, it } from "vitest";
import { SendBudget, SendPriority } from "../../src/pipeline/send-budget.ts";

/** Synapse's Ratelimiter for one account (synapse/api/ratelimiting.py): a leaky bucket. */
function synapseBucket(perSecond: number, burst: number, clock: () => number): () => { allowed: boolean; retryAfterMs: number } {
  let count = 0;
  let start = clock();
  return () => {
    const now = clock() / 1000;
    let performed = count - (now - start / 1000) * perSecond;
    if (performed < 0) {
      performed = 0;
      start = now * 1000;
    }
    const allowed = performed <= burst - 1;
    if (allowed) {
      count = performed + 1;
      start = now * 1000;
    }
    const allowedAt = start / 1000 + (count - burst + 1) / perSecond;
    return { allowed, retryAfterMs: Math.max(0, Math.ceil((allowedAt - now) * 1000)) };
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
});
