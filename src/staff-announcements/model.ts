import type { RoomRecord } from "../../storage/rooms-store.ts";
import type { StaffAnnouncement } from "../../storage/staff-announcements/announcements-store.ts";
import { definePurpose, idRef } from "../pipeline/purpose.ts";
import { notifyingContent } from "../matrix/reply-content.ts";
import { trusted } from "../render/markdown.ts";
import { renderMessage } from "../render/render-message.ts";

export const MINOU_KEY = "fr.chatons.minou";

/** Outbox purposes: one message per target room, the pin that may follow it, the staff room's progress line. */
export const DELIVERY = definePurpose("staff-announcement.delivery", idRef);
export const PIN = definePurpose("staff-announcement.pin", idRef);
export const PROGRESS = definePurpose("staff-announcement.progress", idRef);
export const PIN_PURPOSE = PIN.name;
export const PROGRESS_PURPOSE = PROGRESS.name;

/** A preview older than this is not confirmed any more: the staff member previews again. */
export const DRAFT_TTL_MS = 60 * 60_000;
/** Well under the 64 KiB event limit once rendered twice (body and formatted_body). */
export const MAX_TEXT_LENGTH = 20_000;

/**
 * What every target room receives: the staff member's Markdown, trusted as Markdown but still
 * sanitized to Element's HTML subset, as an m.text (it notifies as any message does). Asked for,
 * "@room" pings the whole room: `m.mentions.room`, and "@room" opening the text for Synapse 1.67's
 * legacy rule — in the rooms where Minou has the power `notifications.room`, nowhere else.
 */
export function announcementContent(announcement: Pick<StaffAnnouncement, "id" | "text" | "mentionRoom">): Record<string, unknown> {
  const text = announcement.mentionRoom ? `@room\n\n${announcement.text}` : announcement.text;
  return {
    [MINOU_KEY]: { staff_announcement: announcement.id },
    ...notifyingContent(renderMessage(trusted(text)), announcement.mentionRoom ? { room: true } : { users: [] }),
  };
}

/** How a room is named in previews and reports: the association's name, the room's, or its id. */
export function roomLabel(room: RoomRecord): string {
  return room.associationName ?? room.name ?? room.roomId;
}
