import type { MatrixEvent } from "../../storage/inbound-events-store.ts";
import type { RenderedMessage } from "../render/render-message.ts";

export interface NoticeOptions {
  /** The message this one answers: a reply to it, in its thread when it was in one. */
  readonly replyTo?: MatrixEvent;
  /** Users it names (m.mentions); nobody when empty. A notice pings nobody all the same. */
  readonly mentions?: readonly string[];
}

/**
 * The content of an `m.notice` as Element renders it: what answers a command the person just typed,
 * and the messages edited in place. A notice never notifies anyone, whatever its mentions
 * (push rule `.m.rule.suppress_notices` comes first: MATRIX-NOTES.md).
 */
export function noticeContent(message: RenderedMessage, options: NoticeOptions = {}): Record<string, unknown> {
  const mentions: Record<string, unknown> = {};
  if (options.mentions !== undefined && options.mentions.length > 0) mentions["user_ids"] = [...options.mentions];
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

/** Whom a notifying message is for: members, or the whole room (announcements only). */
export type Audience = { readonly users: readonly string[] } | { readonly room: true };

const ROOM_MENTION = /@room/giu;

/**
 * The content of a message that must reach someone who is not looking at the room (a reminder, a
 * direct message Minou starts, a welcome, an announcement, a result nobody asked for just now): an
 * `m.text`, since a notice never notifies. The mention goes both in `m.mentions`, which newer
 * homeservers read, and in the text — each member's pill (`userPill`), or "@room" — for the legacy
 * rules of Synapse 1.67, which ignores `m.mentions`. In a direct message the member need not be
 * named: the two-member room rule (`.m.rule.room_one_to_one`) notifies them, encrypted or not.
 * Any other "@room" in the text (an event's title, a display name) is defused, so that only a
 * room audience pings the room.
 */
export function notifyingContent(message: RenderedMessage, audience: Audience): Record<string, unknown> {
  const room = "room" in audience;
  const defuse = (text: string): string => (room ? text : text.replace(ROOM_MENTION, (word) => `@\u2060${word.slice(1)}`));
  return {
    msgtype: "m.text",
    body: defuse(message.body),
    format: "org.matrix.custom.html",
    formatted_body: defuse(message.formattedBody),
    "m.mentions": room ? { room: true } : audience.users.length === 0 ? {} : { user_ids: [...new Set(audience.users)] },
  };
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
