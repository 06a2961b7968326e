import { describe, expect, it } from "vitest";
import { OutboxSender, PIN_ACTION } from "../../src/pipeline/outbox-sender.ts";
import { SendPacer } from "../../src/pipeline/send-pacer.ts";
import { captureLog } from "../support/capture-log.ts";
import { memoryStores } from "../support/memory-stores.ts";
import { matrixError, RecordingTransport } from "../support/recording-transport.ts";

const policy = { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20 };

function setup(roomConcurrency = 2) {
  const stores = memoryStores();
  const transport = new RecordingTransport();
  const { log, lines } = captureLog();
  const sender = new OutboxSender(stores, transport, log, Date.now, { retryPolicy: policy, roomConcurrency, defaultLanguage: "fr" });
  const enqueue = (txnId: string, roomId = "!r:x", purpose?: string) =>
    stores.outbox.enqueue(
      { txnId, roomId, eventType: "m.room.message", content: { body: txnId }, context: `!aide from @camille:x (${txnId})`, ...(purpose === undefined ? {} : { purpose, purposeRef: "42" }) },
      Date.now(),
    );
  const drained = async () => {
    for (let i = 0; i < 1000 && stores.outbox.pendingRooms().length > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await sender.stop();
  };
  return { stores, transport, lines, sender, enqueue, drained };
}

describe("OutboxSender", () => {
  it("sends each room's messages in order, with their stored transaction ids", async () => {
    const { transport, sender, enqueue, drained } = setup();
    ["a1", "a2", "a3"].forEach((txn) => enqueue(txn, "!a:x"));
    ["b1", "b2"].forEach((txn) => enqueue(txn, "!b:x"));
    sender.wake();
    await drained();
    expect(transport.sent.filter((event) => event.roomId === "!a:x").map((event) => event.txnId)).toEqual(["a1", "a2", "a3"]);
    expect(transport.sent.filter((event) => event.roomId === "!b:x").map((event) => event.txnId)).toEqual(["b1", "b2"]);
  });

  it("waits retry_after_ms on 429 before sending again", async () => {
    const { transport, sender, enqueue, drained } = setup();
    transport.sendFailures.push(matrixError(429, "M_LIMIT_EXCEEDED", { retry_after_ms: 150 }));
    enqueue("t1");
    sender.wake();
    await drained();
    expect(transport.sent.map((event) => event.txnId)).toEqual(["t1"]);
    const [first, second] = transport.attempts;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(140);
  });

  it("retries 5xx and network errors, then gives up and logs the room and the command", async () => {
    const { transport, sender, enqueue, drained } = setup();
    transport.sendFailures.push(matrixError(502, "M_UNKNOWN"), Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
    enqueue("ok-after-retries");
    sender.wake();
    await drained();
    expect(transport.sent.map((event) => event.txnId)).toEqual(["ok-after-retries"]);

    const again = setup();
    again.transport.sendFailures.push(...Array.from({ length: 5 }, () => matrixError(503, "M_UNKNOWN")));
    again.enqueue("never");
    again.sender.wake();
    await again.drained();
    expect(again.transport.sent).toEqual([]);
    expect(again.lines.join("\n")).toMatch(/message not delivered.*!r:x.*!aide from @camille:x \(never\)/);
    expect(again.stores.outbox.pendingRooms()).toEqual([]);
  });

  it("gives up at once on a refusal such as 403, without blocking the next message", async () => {
    const { transport, lines, sender, enqueue, drained } = setup();
    transport.sendFailures.push(matrixError(403, "M_FORBIDDEN"));
    enqueue("refused");
    enqueue("next");
    sender.wake();
    await drained();
    expect(transport.attempts.filter((attempt) => attempt.txnId === "refused")).toHaveLength(1);
    expect(transport.sent.map((event) => event.txnId)).toEqual(["next"]);
    expect(lines.join("\n")).toContain("M_FORBIDDEN");
  });

  it("gives up on a message the homeserver answers 500 three times in a row, tells its room once, and sends the room's next reply", async () => {
    const { stores, transport, sender, drained } = setup();
    // As Synapse does for text it cannot store: the same 500, every time.
    transport.sendFailures.push(...Array.from({ length: 3 }, () => matrixError(500, "M_UNKNOWN")));
    stores.outbox.enqueue(
      { txnId: "broken", roomId: "!r:x", eventType: "m.room.message", content: { msgtype: "m.notice", body: "Nom : Les Jardins…", "m.relates_to": { "m.in_reply_to": { event_id: "$cmd" } } }, context: "!asso nom from @camille:x" },
      Date.now(),
    );
    stores.outbox.enqueue({ txnId: "next", roomId: "!r:x", eventType: "m.room.message", content: { msgtype: "m.notice", body: "Aide" }, context: "!aide" }, Date.now());
    sender.wake();
    await drained();
    expect(transport.attempts.filter((attempt) => attempt.txnId === "broken")).toHaveLength(3);
    const sent = transport.sent.map((event) => ({ txnId: event.txnId, body: event.content["body"], replyTo: event.content["m.relates_to"] }));
    expect(sent).toHaveLength(2);
    expect(sent[0]?.txnId).toBe("next");
    expect(sent[1]).toMatchObject({ body: expect.stringContaining("Je n'ai pas pu envoyer ma réponse à cette commande"), replyTo: { "m.in_reply_to": { event_id: "$cmd" } } });
    // Its notice reaches the room as a notice, once.
    expect(transport.sent[1]?.content["msgtype"]).toBe("m.notice");
  });

  it("never tells a room about a notice of that kind it could not send, nor about a room it may not post in", async () => {
    const { stores, transport, sender, enqueue, drained } = setup();
    transport.sendFailures.push(matrixError(403, "M_FORBIDDEN"), ...Array.from({ length: 6 }, () => matrixError(500, "M_UNKNOWN")));
    enqueue("kicked", "!gone:x");
    enqueue("broken", "!r:x");
    sender.wake();
    await drained();
    // The 500s refuse "broken" and then its notice: nothing more is queued.
    expect(transport.sent).toEqual([]);
    expect(transport.attempts.map((attempt) => attempt.txnId).filter((txn) => txn !== "kicked" && txn !== "broken")).toHaveLength(3);
    expect(stores.outbox.pendingRooms()).toEqual([]);
  });

  it("keeps nothing of what a message given up said", async () => {
    const { stores, transport, sender, enqueue, drained } = setup();
    transport.sendFailures.push(matrixError(400, "M_BAD_JSON"));
    enqueue("secret words");
    sender.wake();
    await drained();
    const row = (stores.db.prepare("SELECT content, context, attachment, failure FROM outbox WHERE txn_id = 'secret words'").get() ?? {}) as Record<string, unknown>;
    expect(row).toMatchObject({ content: "{}", context: "", attachment: null });
    expect(String(row["failure"])).toContain("M_BAD_JSON");
  });

  it("tells the feature that queued a message its event id, once sent", async () => {
    const { sender, enqueue, drained } = setup();
    const seen: string[] = [];
    sender.onSent("agenda.announcement", (ref, eventId) => seen.push(`${ref}=${eventId}`));
    enqueue("announce", "!r:x", "agenda.announcement");
    sender.wake();
    await drained();
    expect(seen).toEqual(["42=$sent1"]);
  });
});

describe("OutboxSender with a file", () => {
  it("uploads the file, then sends the message with its mxc:// URL", async () => {
    const { stores, transport, sender, drained } = setup();
    stores.outbox.enqueue(
      {
        txnId: "csv",
        roomId: "!r:x",
        eventType: "m.room.message",
        content: { msgtype: "m.file", body: "réponses.csv" },
        context: "export",
        attachment: { filename: "réponses.csv", mimeType: "text/csv", data: Buffer.from("\ufeffa;b\r\n") },
      },
      Date.now(),
    );
    sender.wake();
    await drained();
    expect(transport.uploads.map((upload) => upload.filename)).toEqual(["réponses.csv"]);
    expect(transport.sent[0]?.content).toEqual({ msgtype: "m.file", body: "réponses.csv", url: "mxc://test/1" });
  });
});

describe("OutboxSender direct messages and pins", () => {
  it("creates a member's DM room once and reuses it", async () => {
    const { stores, transport, sender, drained } = setup();
    for (const txnId of ["dm1", "dm2"]) {
      stores.outbox.enqueue({ txnId, roomId: "", targetUser: "@camille:x", eventType: "m.room.message", content: { body: txnId }, context: "dm" }, Date.now());
    }
    sender.wake();
    await drained();
    expect(transport.directRooms).toEqual(["@camille:x"]);
    expect(transport.sent.map((event) => `${event.roomId} ${event.txnId}`)).toEqual(["!dm-1:test dm1", "!dm-1:test dm2"]);
    expect(stores.directRooms.roomOf("@camille:x")).toBe("!dm-1:test");
  });

  it("opens a new DM when the member left the old one", async () => {
    const { stores, transport, sender, drained } = setup();
    stores.directRooms.record("@camille:x", "!old:test", 0);
    transport.sendFailures.push(matrixError(403, "M_FORBIDDEN"));
    stores.outbox.enqueue({ txnId: "dm", roomId: "", targetUser: "@camille:x", eventType: "m.room.message", content: { body: "x" }, context: "dm" }, Date.now());
    sender.wake();
    await drained();
    expect(transport.sent.map((event) => event.roomId)).toEqual(["!dm-1:test"]);
  });

  it("pins as an outbox action", async () => {
    const { stores, transport, sender, drained } = setup();
    stores.outbox.enqueue({ txnId: "pin", roomId: "!r:x", eventType: PIN_ACTION, content: { event_id: "$index" }, context: "pin" }, Date.now());
    sender.wake();
    await drained();
    expect(transport.pins).toEqual([{ roomId: "!r:x", eventId: "$index" }]);
  });
});

describe("OutboxSender failure reports and pacing", () => {
  it("tells the feature that queued a message why it was given up, in the transaction that marks it failed", async () => {
    const { stores, transport, sender, enqueue, drained } = setup();
    const seen: string[] = [];
    sender.onFailed("announcement", (ref, failure, message) => {
      seen.push(`${ref} ${failure.status} ${failure.errcode} ${message.txnId} stillPending=${stores.outbox.pendingRooms().includes("!left:x")}`);
    });
    transport.sendFailures.push(matrixError(403, "M_FORBIDDEN"));
    enqueue("gone", "!left:x", "announcement");
    enqueue("other", "!other:x");
    sender.wake();
    await drained();
    expect(seen).toEqual(["42 403 M_FORBIDDEN gone stillPending=false"]);
    expect(transport.sent.map((event) => event.txnId)).toEqual(["other"]);
  });

  it("reports a message given up after retries without a status", async () => {
    const { transport, sender, enqueue, drained } = setup();
    const reasons: string[] = [];
    sender.onFailed("announcement", (_ref, failure) => reasons.push(`${failure.status ?? "none"} ${failure.reason}`));
    transport.sendFailures.push(...Array.from({ length: 3 }, () => matrixError(503, "M_UNKNOWN")));
    enqueue("flaky", "!r:x", "announcement");
    sender.wake();
    await drained();
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/^none 503 M_UNKNOWN.*after 3 attempts/);
  });

  it("spaces paced messages across rooms, and a 429 holds all of them back", async () => {
    const { transport, sender, enqueue, drained } = setup();
    sender.pace(["announcement"], new SendPacer(20));
    for (let i = 0; i < 6; i += 1) enqueue(`paced${i}`, `!room${i}:x`, "announcement");
    transport.sendFailures.push(matrixError(429, "M_LIMIT_EXCEEDED", { retry_after_ms: 200 }));
    sender.wake();
    await drained();
    const times = transport.attempts.map((attempt) => attempt.at);
    expect(transport.sent).toHaveLength(6);
    // 7 attempts (one refused) at most 20 per second, plus the 200 ms hold.
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(5 * 50 + 150);
    for (let i = 1; i < times.length; i += 1) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(40);
  });

  it("keeps a worker for other rooms while paced messages wait their turn", async () => {
    const { transport, sender, enqueue, drained } = setup();
    sender.pace(["announcement"], new SendPacer(5));
    for (let i = 0; i < 5; i += 1) enqueue(`slow${i}`, `!room${i}:x`, "announcement");
    enqueue("reply", "!staff:x");
    sender.wake();
    await drained();
    // The reply was queued last, yet leaves before most of the paced messages.
    expect(transport.sent.map((event) => event.txnId).indexOf("reply")).toBeLessThanOrEqual(2);
  });

  it("lets other rooms' announcements go while one room's keeps failing and waits to try again", async () => {
    // One worker for announcements; the first room's meets 502 twice (then waits 5, then 10 ms).
    const { transport, sender, enqueue, drained } = setup(1);
    sender.pace(["announcement"], new SendPacer(1_000));
    transport.roomFailures["!room0:x"] = Array.from({ length: 2 }, () => matrixError(502, "M_UNKNOWN"));
    for (let i = 0; i < 6; i += 1) enqueue(`room${i}`, `!room${i}:x`, "announcement");
    sender.wake();
    await drained();
    const order = transport.sent.map((event) => event.txnId);
    expect(order).toHaveLength(6);
    // Every other room got it before the failing one was through.
    expect(order.at(-1)).toBe("room0");
  });
});
