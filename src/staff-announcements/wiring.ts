import type { Stores } from "../../storage/index.ts";
import type { Language } from "../i18n/language.ts";
import type { OutboxSender } from "../pipeline/outbox-sender.ts";
import { SendPacer } from "../pipeline/send-pacer.ts";
import { DeliveryRecorder } from "./delivery.ts";
import { DELIVERY_PURPOSE, PIN_PURPOSE, PROGRESS_PURPOSE } from "./model.ts";

export interface AnnouncementWiring {
  readonly defaultLanguage: Language;
  /** Config key `announcements.messagesPerSecond`. */
  readonly messagesPerSecond: number;
}

/**
 * Connects announcements to the outbox: their messages and pins are paced, and what becomes of
 * each is recorded in the transaction that settles it. `changed` asks for the progress line's edit.
 */
export function wireStaffAnnouncements(sender: OutboxSender, stores: Stores, settings: AnnouncementWiring, now: () => number, changed: () => void): void {
  const recorder = new DeliveryRecorder(stores, settings.defaultLanguage);
  sender.pace([DELIVERY_PURPOSE, PIN_PURPOSE], new SendPacer(settings.messagesPerSecond));
  sender.onSent(DELIVERY_PURPOSE, (ref, eventId, message) => {
    recorder.delivered(ref, message.roomId, eventId, now());
    changed();
  });
  sender.onFailed(DELIVERY_PURPOSE, (ref, failure, message) => {
    recorder.failed(ref, message.roomId, failure, now());
    changed();
  });
  sender.onSent(PIN_PURPOSE, (ref, _eventId, message) => {
    recorder.pinSettled(ref, message.roomId, undefined, now());
    changed();
  });
  sender.onFailed(PIN_PURPOSE, (ref, failure, message) => {
    recorder.pinSettled(ref, message.roomId, failure, now());
    changed();
  });
  // Deliveries that settled before the progress line was sent are edited in as soon as it is.
  sender.onSent(PROGRESS_PURPOSE, (ref, eventId) => {
    stores.staffAnnouncements.announcements.setProgressEvent(Number(ref), eventId);
    changed();
  });
}
