import { createStaffAnnouncementStores } from "../../storage/staff-announcements/index.ts";
import { storeSet } from "../../storage/index.ts";
import { annonce } from "../../commands/announcements/annonce.ts";
import { annonces } from "../../commands/announcements/annonces.ts";
import { annonceAnnuler } from "../../commands/announcements/annuler.ts";
import { annonceConfirmer } from "../../commands/announcements/confirmer.ts";
import { announcementsConfigSchema } from "./config-schema.ts";
import { defineFeature, whenFailed, whenSent } from "../feature.ts";
import { SendPacer } from "../pipeline/send-pacer.ts";
import { DeliveryRecorder, liveAnnouncementProgress } from "./delivery.ts";
import { scheduledAnnouncementsJob } from "./job.ts";
import { DELIVERY, PIN, PROGRESS } from "./model.ts";
import { staffAnnouncementsPersonalData } from "./personal-data.ts";

/**
 * Announcements staff send from the staff room to many rooms: paced, with a progress line kept up
 * to date, and what became of each delivery recorded in the transaction that settles it.
 */
export const staffAnnouncementsFeature = defineFeature({
  name: "staff-announcements",
  config: (config) => ({ defaultLanguage: config.defaultLanguage, messagesPerSecond: config.announcements.messagesPerSecond }),
  configSection: { key: "announcements", schema: announcementsConfigSchema },
  stores: storeSet("staffAnnouncements", createStaffAnnouncementStores),
  commands: [annonce, annonceConfirmer, annonceAnnuler, annonces],
  privacy: {
    part: staffAnnouncementsPersonalData,
    keptBecause: "the announcements' history is the centre's record of what it told the rooms; an erasure takes the author's id off it",
  },
  parts: ({ stores, now, log, config, roomState, wakeSender, scheduleEdits }) => {
    const recorder = new DeliveryRecorder(stores, config.defaultLanguage);
    return {
      live: [liveAnnouncementProgress(stores, config.defaultLanguage)],
      jobs: [scheduledAnnouncementsJob(stores, config.defaultLanguage, roomState, wakeSender, log.child("staff-announcements"))],
      paced: [{ purposes: [DELIVERY, PIN], pacer: new SendPacer(config.messagesPerSecond) }],
      sent: [
        whenSent(DELIVERY, (id, eventId, message) => {
          recorder.delivered(String(id), message.roomId, eventId, now());
          scheduleEdits();
        }),
        whenSent(PIN, (id, _eventId, message) => {
          recorder.pinSettled(String(id), message.roomId, undefined, now());
          scheduleEdits();
        }),
        // Deliveries that settled before the progress line was sent are edited in as soon as it is.
        whenSent(PROGRESS, (id, eventId) => {
          stores.staffAnnouncements.announcements.setProgressEvent(id, eventId);
          scheduleEdits();
        }),
      ],
      failed: [
        whenFailed(DELIVERY, (id, failure, message) => {
          recorder.failed(String(id), message.roomId, failure, now());
          scheduleEdits();
        }),
        whenFailed(PIN, (id, failure, message) => {
          recorder.pinSettled(String(id), message.roomId, failure, now());
          scheduleEdits();
        }),
      ],
    };
  },
});

declare module "../dispatch/command.ts" {
  interface HelpGroups {
    readonly staff: true;
  }
}
