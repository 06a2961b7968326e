import type { Stores } from "../../storage/index.ts";
import { queuedFor } from "../pipeline/purpose.ts";
import type { StaffAnnouncement } from "../../storage/staff-announcements/announcements-store.ts";
import type { PinStatus } from "../../storage/staff-announcements/deliveries-store.ts";
import type { Language } from "../i18n/language.ts";
import { noticeContent } from "../matrix/reply-content.ts";
import { txnIdFor } from "../matrix/txn-id.ts";
import type { LiveMessageSource } from "../pipeline/live-messages.ts";
import { PIN_ACTION, type DeliveryFailure } from "../pipeline/outbox-sender.ts";
import { renderMessage } from "../render/render-message.ts";
import { announcementContent, DELIVERY, MINOU_KEY, PIN } from "./model.ts";
import { progressText, reportText } from "./report-texts.ts";

/** The staff room's language, for its progress line and report. */
export function staffLanguage(stores: Stores, announcement: StaffAnnouncement, defaultLanguage: Language): Language {
  return stores.rooms.get(announcement.staffRoomId)?.language ?? defaultLanguage;
}

/** The progress line's content: a notice carrying the announcement's number for Minou. */
export function progressContent(stores: Stores, announcement: StaffAnnouncement, language: Language): Record<string, unknown> {
  const counts = stores.staffAnnouncements.deliveries.counts(announcement.id);
  const finished = stores.staffAnnouncements.announcements.get(announcement.id)?.status === "done";
  return { [MINOU_KEY]: { staff_announcement_progress: announcement.id }, ...noticeContent(renderMessage(progressText(announcement.id, counts, finished, language))) };
}

/**
 * Queues one message per target room, in the transaction that claims the announcement. Each
 * transaction id comes from (announcement, room): whatever happens, a room gets it once.
 */
export function queueDeliveries(stores: Stores, announcement: StaffAnnouncement, now: number): number {
  const content = announcementContent(announcement);
  let queued = 0;
  for (const delivery of stores.staffAnnouncements.deliveries.of(announcement.id)) {
    if (delivery.status !== "pending") continue;
    stores.outbox.enqueue(
      {
        txnId: txnIdFor(`staff-announcement:${announcement.id}:${delivery.roomId}`),
        roomId: delivery.roomId,
        eventType: "m.room.message",
        content,
        ...queuedFor(DELIVERY, announcement.id),
        context: `staff announcement ${announcement.id} to ${delivery.roomId}`,
      },
      now,
    );
    queued += 1;
  }
  return queued;
}

/**
 * What the outbox reports about an announcement's messages, recorded in the transaction that marks
 * each one sent or given up; the last one to settle finishes the announcement and queues the report.
 */
export class DeliveryRecorder {
  constructor(
    private readonly stores: Stores,
    private readonly defaultLanguage: Language,
  ) {}

  delivered(ref: string | undefined, roomId: string, eventId: string, now: number): void {
    const announcement = this.announcement(ref);
    if (announcement === undefined) return;
    let pin: PinStatus | null = null;
    // Rooms where Minou is known to lack the power are not even tried.
    if (announcement.pin) pin = this.stores.rooms.get(roomId)?.missingPowers.includes("pin") === true ? "refused" : "pending";
    if (!this.stores.staffAnnouncements.deliveries.markDelivered(announcement.id, roomId, eventId, pin, now)) return;
    if (pin === "pending") {
      this.stores.outbox.enqueue(
        {
          txnId: txnIdFor(`staff-announcement-pin:${announcement.id}:${roomId}`),
          roomId,
          eventType: PIN_ACTION,
          content: { event_id: eventId },
          ...queuedFor(PIN, announcement.id),
          context: `pin of staff announcement ${announcement.id} in ${roomId}`,
        },
        now,
      );
    }
    this.settle(announcement, now);
  }

  failed(ref: string | undefined, roomId: string, failure: DeliveryFailure, now: number): void {
    const announcement = this.announcement(ref);
    if (announcement === undefined) return;
    if (!this.stores.staffAnnouncements.deliveries.markFailed(announcement.id, roomId, failure.reason, failure.status ?? null, now)) return;
    this.settle(announcement, now);
  }

  /** A 403 on the pin means the room did not give Minou the power to pin. */
  pinSettled(ref: string | undefined, roomId: string, failure: DeliveryFailure | undefined, now: number): void {
    const announcement = this.announcement(ref);
    if (announcement === undefined) return;
    const outcome = failure === undefined ? "pinned" : failure.status === 403 ? "refused" : "failed";
    if (!this.stores.staffAnnouncements.deliveries.settlePin(announcement.id, roomId, outcome)) return;
    this.settle(announcement, now);
  }

  private announcement(ref: string | undefined): StaffAnnouncement | undefined {
    return ref === undefined ? undefined : this.stores.staffAnnouncements.announcements.get(Number(ref));
  }

  private settle(announcement: StaffAnnouncement, now: number): void {
    const { announcements, deliveries } = this.stores.staffAnnouncements;
    announcements.markProgressDirty(announcement.id, now);
    const counts = deliveries.counts(announcement.id);
    if (counts.delivered + counts.failed < counts.total || counts.pinPending > 0) return;
    if (!announcements.finish(announcement.id, now)) return;
    const language = staffLanguage(this.stores, announcement, this.defaultLanguage);
    const progressEventId = announcements.get(announcement.id)?.progressEventId ?? null;
    this.stores.outbox.enqueue(
      {
        txnId: txnIdFor(`staff-announcement-report:${announcement.id}`),
        roomId: announcement.staffRoomId,
        eventType: "m.room.message",
        content: {
          [MINOU_KEY]: { staff_announcement_report: announcement.id },
          ...noticeContent(renderMessage(reportText(announcement.id, deliveries.of(announcement.id), language))),
          ...(progressEventId === null ? {} : { "m.relates_to": { "m.in_reply_to": { event_id: progressEventId } } }),
        },
        context: `report of staff announcement ${announcement.id}`,
      },
      now,
    );
  }
}

/** The progress line of each announcement being sent, edited in place as rooms get it. */
export function liveAnnouncementProgress(stores: Stores, defaultLanguage: Language): LiveMessageSource {
  const { announcements } = stores.staffAnnouncements;
  return {
    hasPending: () => announcements.hasDirtyProgress(),
    due: (changedBefore) => announcements.dirtyProgress(changedBefore),
    takeEdit(id) {
      const revision = announcements.takeProgressEdit(id);
      const announcement = announcements.get(id);
      if (announcement === undefined || announcement.progressEventId === null) return undefined;
      return {
        roomId: announcement.staffRoomId,
        originalEventId: announcement.progressEventId,
        content: progressContent(stores, announcement, staffLanguage(stores, announcement, defaultLanguage)),
        cause: `staff-announcement-progress-edit:${id}`,
        revision,
        context: `progress of staff announcement ${id}`,
      };
    },
  };
}
