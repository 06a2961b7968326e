import type { MatrixEvent } from "../../storage/inbound-events-store.ts";
import type { RenderedMessage } from "../render/render-message.ts";

export interface NoticeOptions {
  /** The message this one answers: a reply to it, in its thread when it was in one. */
  readonly replyTo?: MatrixEvent;
  /** Users to ping; nobody when empty (spec: intentional mentions, m.mentions). */
  readonly mentions?: readonly string[];
  /** Pings the whole room: announcements only. */
  readonly mentionRoom?: boolean;
}

/** The content of an `m.notice` as Element renders it. */
export function noticeContent(message: RenderedMessage, options: NoticeOptions = {}): Record<string, unknown> {
  const mentions: Record<string, unknown> = {};
  if (options.mentions !== undefined && options.mentions.length > 0) mentions["user_ids"] = [...options.mentions];
  if (options.mentionRoom === true) mentions["room"] = true;
  const content: Record<string, unknown> = {
    msgtype: "m.notice",
    body: message.body,
    format: "org.matrix.custom.html",
    formatted_body: message.formattedBody,
    "m.mentions": mentions,
  };
  if (options.replyTo !== undefined) content["m.relates_to"] = replyRelation(options.replyTo);
  return content;
}

function replyRelation(event: MatrixEvent): Record<string, unknown> {
  const inReplyTo = { event_id: event.event_id };
  const relation = event.content["m.relates_to"];
  if (typeof relation === "object" && relation !== null) {
    const { rel_type: relType, event_id: threadRoot } = relation as Record<string, unknown>;
    if (relType === "m.thread" && typeof threadRoot === "string") {
      // A real reply inside the thread, so is_falling_back is false (spec: threading, fallbacks).
      return { rel_type: "m.thread", event_id: threadRoot, is_falling_back: false, "m.in_reply_to": inReplyTo };
    }
  }
  return { "m.in_reply_to": inReplyTo };
}
