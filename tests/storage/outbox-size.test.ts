// Every message Minou sends is queued in the outbox: there, one too big for Matrix is shortened
// (spec "Size limits": 65536 bytes an event, refused by Synapse with 413 M_TOO_LARGE).
import { describe, expect, it } from "vitest";
import { editContent } from "../../src/matrix/edit-content.ts";
import { MAX_CONTENT_BYTES, SHORTENED_NOTE } from "../../src/matrix/event-size.ts";
import { noticeContent, notifyingContent } from "../../src/matrix/reply-content.ts";
import { md, trusted } from "../../src/render/markdown.ts";
import { renderMessage } from "../../src/render/render-message.ts";
import type { OutgoingEvent } from "../../storage/outbox-store.ts";
import { memoryStores } from "../support/memory-stores.ts";

const ROOM = "!r:x";
const REPLY_TO = { event_id: "$cmd", type: "m.room.message", sender: "@camille:x", origin_server_ts: 0, content: { body: "!faq" } };

function queued(content: Record<string, unknown>): Record<string, unknown> {
  const { outbox } = memoryStores();
  const event: OutgoingEvent = { txnId: "t1", roomId: ROOM, eventType: "m.room.message", content, context: "test" };
  outbox.enqueue(event, 1);
  const stored = outbox.nextForRoom(ROOM);
  if (stored === undefined) throw new Error("nothing queued");
  return stored.content;
}

const bytes = (content: unknown): number => Buffer.byteLength(JSON.stringify(content));
const hasLoneSurrogate = (text: string): boolean => /[\uD800-\uDFFF]/u.test(text);

/** A list as long lists of questions or documents are: one line each, bold numbers, emoji. */
function longList(lines: number): string {
  return Array.from({ length: lines }, (_, index) => `- **n°${index + 1}** · Où trouver le pad 🐈 de l'atelier « vélo » n°${index + 1} ?`).join("\n");
}

describe("OutboxStore.enqueue and the event size limit", () => {
  it("keeps a message of ordinary size exactly as it is", () => {
    const content = noticeContent(renderMessage(md`C'est noté 🐈`), { replyTo: REPLY_TO });
    expect(queued(content)).toEqual(content);
  });

  it("shortens a reply too big for Matrix on a line boundary, says so, and drops the HTML rather than cut it", () => {
    const content = { ...noticeContent(renderMessage(trusted(longList(1500))), { replyTo: REPLY_TO }), "fr.chatons.minou": { faq: 1 } };
    expect(bytes(content)).toBeGreaterThan(65_536);
    const stored = queued(content);
    expect(bytes(stored)).toBeLessThanOrEqual(MAX_CONTENT_BYTES);
    expect(stored).not.toHaveProperty("formatted_body");
    expect(stored).not.toHaveProperty("format");
    const body = String(stored["body"]);
    expect(body.startsWith("• n°1 · Où trouver le pad 🐈")).toBe(true);
    expect(body.endsWith(SHORTENED_NOTE)).toBe(true);
    // The last line kept is whole.
    expect(body.slice(0, -SHORTENED_NOTE.length)).toMatch(/\?$/u);
    expect(hasLoneSurrogate(body)).toBe(false);
    expect(stored).toMatchObject({ msgtype: "m.notice", "m.mentions": {}, "m.relates_to": { "m.in_reply_to": { event_id: "$cmd" } }, "fr.chatons.minou": { faq: 1 } });
  });

  it("cuts nothing when dropping the HTML is enough", () => {
    const content = notifyingContent(renderMessage(trusted(longList(400))), { users: ["@camille:x"] });
    expect(bytes(content)).toBeGreaterThan(MAX_CONTENT_BYTES);
    const stored = queued(content);
    expect(stored["body"]).toBe(content["body"]);
    expect(stored).not.toHaveProperty("formatted_body");
    expect(stored).toMatchObject({ msgtype: "m.text", "m.mentions": { user_ids: ["@camille:x"] } });
  });

  it("shortens both texts of an edit, keeping what it replaces", () => {
    const content = editContent("$live", noticeContent(renderMessage(trusted(longList(1500)))));
    const stored = queued(content);
    expect(bytes(stored)).toBeLessThanOrEqual(MAX_CONTENT_BYTES);
    expect(stored["m.relates_to"]).toEqual({ rel_type: "m.replace", event_id: "$live" });
    const replacement = stored["m.new_content"] as Record<string, unknown>;
    expect(String(replacement["body"]).endsWith(SHORTENED_NOTE)).toBe(true);
    expect(String(stored["body"]).startsWith("* • n°1")).toBe(true);
    expect(replacement).not.toHaveProperty("formatted_body");
  });

  it("leaves a content with no text to shorten as it is, for the homeserver to refuse", () => {
    const content = { "fr.chatons.minou": { blob: "x".repeat(70_000) } };
    expect(queued(content)).toEqual(content);
  });
});
