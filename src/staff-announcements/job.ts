import type { Stores } from "../../storage/index.ts";
import { queuedFor } from "../pipeline/purpose.ts";
import { ERASED_AUTHOR, type StaffAnnouncement } from "../../storage/staff-announcements/announcements-store.ts";
import type { Language } from "../i18n/language.ts";
import { notifyingContent } from "../matrix/reply-content.ts";
import type { MemberNames } from "../pipeline/room-state.ts";
import { userPill } from "../render/markdown.ts";
import { txnIdFor } from "../matrix/txn-id.ts";
import { renderMessage } from "../render/render-message.ts";
import type { ScheduledJob } from "../scheduler.ts";
import { JobItems } from "../jobs/job-items.ts";
import type { Logger } from "../log.ts";
import { progressContent, queueDeliveries, staffLanguage } from "./delivery.ts";
import { MINOU_KEY, PROGRESS } from "./model.ts";
import { lateText } from "./texts.ts";
import { announcementTargets } from "./targets.ts";

/**
 * Past this delay (Minou was stopped at the time), a scheduled announcement is not sent: "the
 * hall is closed tonight" read two days later does more harm than good. The staff is told instead.
 */
export const LATE_LIMIT_MS = 6 * 3_600_000;

/** A scheduled job that does all its work before returning (only the stores, no I/O). */
export interface SynchronousJob extends ScheduledJob {
  run(now: number): void;
}

/**
 * Sends the scheduled announcements that are due: the rooms are chosen now (rooms joined or tagged
 * since confirmation count), the messages and the progress line are queued in the transaction
 * that claims the announcement, so a tick run twice or after a crash sends nothing twice.
 */
export function scheduledAnnouncementsJob(stores: Stores, defaultLanguage: Language, names: MemberNames, afterQueued: () => void, log: Logger): SynchronousJob {
  const items = new JobItems("staff-announcements", stores, log);
  return {
    name: "staff-announcements",
    run(now) {
      let queued = false;
      for (const announcement of stores.staffAnnouncements.announcements.due(now)) {
        // One that fails stays scheduled: tried again on the next tick, its author told once it is too late.
        const sent = items.attempt(`announcement ${announcement.id}`, { announcement: announcement.id, author: announcement.author }, () =>
          now - (announcement.sendAt ?? now) > LATE_LIMIT_MS ? giveUpLate(stores, announcement, defaultLanguage, names, now) : launch(stores, announcement, defaultLanguage, now),
        );
        queued = sent === true || queued;
      }
      if (queued) afterQueued();
    },
  };
}

function launch(stores: Stores, announcement: StaffAnnouncement, defaultLanguage: Language, now: number): boolean {
  const { announcements, deliveries } = stores.staffAnnouncements;
  if (!announcements.begin(announcement.id, now)) return false;
  deliveries.clear(announcement.id);
  deliveries.address(announcement.id, announcementTargets(stores, announcement.staffRoomId, announcement.tags).rooms);
  if (queueDeliveries(stores, announcement, now) === 0) announcements.finish(announcement.id, now);
  stores.outbox.enqueue(
    {
      txnId: txnIdFor(`staff-announcement-progress:${announcement.id}`),
      roomId: announcement.staffRoomId,
      eventType: "m.room.message",
      content: progressContent(stores, announcement, staffLanguage(stores, announcement, defaultLanguage)),
      ...queuedFor(PROGRESS, announcement.id),
      context: `progress of scheduled staff announcement ${announcement.id}`,
    },
    now,
  );
  return true;
}

/** Nobody is watching when a scheduled announcement fails to leave: its author is notified. */
function giveUpLate(stores: Stores, announcement: StaffAnnouncement, defaultLanguage: Language, names: MemberNames, now: number): boolean {
  if (!stores.staffAnnouncements.announcements.cancelScheduled(announcement.id, "minou (late)")) return false;
  const language = staffLanguage(stores, announcement, defaultLanguage);
  // An author who erased their data is no longer known: the staff room as a whole is told.
  const erased = announcement.author === ERASED_AUTHOR;
  const author = erased ? undefined : userPill(announcement.author, names.displayName(announcement.staffRoomId, announcement.author));
  const text = lateText(announcement, author, language);
  stores.outbox.enqueue(
    {
      txnId: txnIdFor(`staff-announcement-late:${announcement.id}`),
      roomId: announcement.staffRoomId,
      eventType: "m.room.message",
      content: { [MINOU_KEY]: { staff_announcement_late: announcement.id }, ...notifyingContent(renderMessage(text), { users: erased ? [] : [announcement.author] }) },
      context: `late scheduled staff announcement ${announcement.id}`,
    },
    now,
  );
  return true;
}
