import { describe, expect, it } from "vitest";
import type { MatrixEvent } from "../../storage/inbound-events-store.ts";
import { memoryStores } from "../support/memory-stores.ts";

function message(id: string, body = "!aide"): MatrixEvent {
  return { event_id: id, type: "m.room.message", sender: "@a:x", origin_server_ts: 1, content: { msgtype: "m.text", body } };
}

describe("InboundEventsStore", () => {
  it("queues each event once, in arrival order, until handled", () => {
    const { inbound } = memoryStores();
    expect(inbound.record("!r:x", message("$1"), 10)).toBe(true);
    expect(inbound.record("!r:x", message("$2"), 11)).toBe(true);
    expect(inbound.record("!r:x", message("$1"), 12)).toBe(false);
    expect(inbound.pending(10).map((item) => item.eventId)).toEqual(["$1", "$2"]);
    expect(inbound.markHandled("$1", "answered", 20)).toBe(true);
    expect(inbound.markHandled("$1", "answered", 21)).toBe(false);
    expect(inbound.pending(10).map((item) => item.eventId)).toEqual(["$2"]);
    expect(inbound.isHandled("$1")).toBe(true);
    expect(inbound.countPending()).toBe(1);
  });

  it("withdraws a message redacted before its turn, or while it waits for its room key", () => {
    const { inbound } = memoryStores();
    const redaction = (id: string, target: string, inContent = false): MatrixEvent => ({
      event_id: id,
      type: "m.room.redaction",
      sender: "@a:x",
      origin_server_ts: 2,
      content: inContent ? { redacts: target } : {},
      ...(inContent ? {} : { redacts: target }),
    });
    inbound.record("!r:x", message("$1"), 10);
    inbound.recordAwaitingKey("!r:x", { ...message("$2"), type: "m.room.encrypted", content: { ciphertext: "…" } }, 10);
    inbound.record("!r:x", { ...message("$join"), type: "m.room.member", state_key: "@a:x", content: { membership: "join" } }, 10);
    inbound.record("!r:x", redaction("$r1", "$1"), 11);
    // Room v11 puts `redacts` in the content.
    inbound.record("!r:x", redaction("$r2", "$2", true), 11);
    inbound.record("!r:x", redaction("$r3", "$join"), 11);
    expect(inbound.outcomeOf("$1")).toBe("redacted");
    expect(inbound.outcomeOf("$2")).toBe("redacted");
    expect(inbound.awaitingKey()).toEqual([]);
    expect(inbound.decrypted(message("$2"))).toBe(false);
    // A redacted state event keeps its effect; the redactions themselves are handled as usual.
    expect(inbound.pending(10).map((item) => item.eventId)).toEqual(["$join", "$r1", "$r2", "$r3"]);
    // A redaction of a message already handled changes nothing.
    inbound.record("!r:x", message("$3"), 12);
    inbound.markHandled("$3", "answered", 13);
    inbound.record("!r:x", redaction("$r4", "$3"), 14);
    expect(inbound.outcomeOf("$3")).toBe("answered");
  });

  it("keeps a message that comes already redacted as handled, without its content", () => {
    const { inbound } = memoryStores();
    const redacted = { ...message("$1"), content: {}, unsigned: { redacted_because: { type: "m.room.redaction", redacts: "$1" } } };
    expect(inbound.record("!r:x", redacted, 10)).toBe(true);
    expect(inbound.recordAwaitingKey("!r:x", { ...redacted, event_id: "$2", type: "m.room.encrypted" }, 10)).toBe(true);
    expect(inbound.pending(10)).toEqual([]);
    expect(inbound.awaitingKey()).toEqual([]);
    expect(inbound.outcomeOf("$1")).toBe("redacted");
    expect(inbound.outcomeOf("$2")).toBe("redacted");
  });

  it("never queues history, and purges handled events after retention", () => {
    const { inbound } = memoryStores();
    inbound.recordSkipped("!r:x", message("$old"), 5, "history");
    inbound.record("!r:x", message("$old"), 6);
    expect(inbound.pending(10)).toEqual([]);
    expect(inbound.isKnown("$old")).toBe(true);
    inbound.record("!r:x", message("$new"), 7);
    inbound.markHandled("$new", "answered", 100);
    expect(inbound.purgeHandledBefore(50)).toBe(1);
    expect(inbound.isKnown("$old")).toBe(false);
    expect(inbound.isKnown("$new")).toBe(true);
  });
});

describe("OutboxStore", () => {
  const outgoing = (txnId: string, roomId = "!r:x") => ({
    txnId,
    roomId,
    eventType: "m.room.message",
    content: { msgtype: "m.notice", body: txnId },
    context: "test",
  });

  it("keeps the first message of a transaction id, and serves rooms in order", () => {
    const { outbox } = memoryStores();
    expect(outbox.enqueue(outgoing("t1"), 1)).toBe(true);
    expect(outbox.enqueue(outgoing("t1"), 2)).toBe(false);
    outbox.enqueue(outgoing("t2", "!s:x"), 3);
    outbox.enqueue(outgoing("t3"), 4);
    expect(outbox.pendingRooms()).toEqual(["!r:x", "!s:x"]);
    expect(outbox.nextForRoom("!r:x")?.txnId).toBe("t1");
    const first = outbox.nextForRoom("!r:x");
    outbox.markSent(first?.id ?? -1, "$sent", 10);
    expect(outbox.sentEventId("t1")).toBe("$sent");
    expect(outbox.nextForRoom("!r:x")?.txnId).toBe("t3");
    outbox.markFailed(outbox.nextForRoom("!r:x")?.id ?? -1, "403 M_FORBIDDEN", 11);
    expect(outbox.nextForRoom("!r:x")).toBeUndefined();
    expect(outbox.purgeFinishedBefore(100)).toBe(2);
    expect(outbox.pendingRooms()).toEqual(["!s:x"]);
  });
});

describe("BotStateStore", () => {
  it("keeps the sync token the intake records and the filter, and ignores matrix-bot-sdk's tokens", () => {
    const { botState } = memoryStores();
    expect(botState.getSyncToken()).toBeNull();
    botState.setSyncToken("s0");
    expect(botState.getSyncToken()).toBeNull();
    botState.recordSyncToken("s1");
    botState.setSyncToken(null);
    botState.setSyncToken("s9");
    expect(botState.getSyncToken()).toBe("s1");
    botState.setFilter({ id: 7, filter: { room: {} } });
    expect(botState.getFilter()).toEqual({ id: 7, filter: { room: {} } });
    botState.storeValue("k", "v");
    expect(botState.readValue("k")).toBe("v");
    botState.detach();
    botState.recordSyncToken("s2");
    expect(botState.getSyncToken()).toBeNull();
  });
});
