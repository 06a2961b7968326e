import type { Stores } from "../../storage/index.ts";
import { notifyingContent } from "../matrix/reply-content.ts";
import { txnIdFor } from "../matrix/txn-id.ts";
import type { Markdown } from "../render/markdown.ts";
import { renderMessage } from "../render/render-message.ts";

/**
 * Queues a direct message to a member, in the transaction of what caused it; the outbox sender
 * opens (once) and reuses the member's DM room with Minou. Every one of them (a seat offer, a
 * reminder, a cancellation, the guide) is something the member must see: it notifies them.
 */
export function sendDirect(stores: Stores, userId: string, text: Markdown, cause: string, now: number): void {
  stores.outbox.enqueue(
    { txnId: txnIdFor(cause), roomId: "", targetUser: userId, eventType: "m.room.message", content: notifyingContent(renderMessage(text), { users: [userId] }), context: `direct message to ${userId} (${cause.split(":")[0] ?? ""})` },
    now,
  );
}
