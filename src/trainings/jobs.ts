import type { Stores } from "../../storage/index.ts";
import { JobItems } from "../jobs/job-items.ts";
import type { Logger } from "../log.ts";
import type { ScheduledJob } from "../scheduler.ts";
import { sendDirect } from "../pipeline/direct-message.ts";
import { expireOffers, type Messaging } from "./seats.ts";
import { dm } from "./texts.ts";

const DAY = 86_400_000;

/**
 * The day before a session, each registered member gets a direct message, once (claimed in the
 * transaction that queues it). Sent late after an outage, as long as the session has not begun.
 */
export function trainingRemindersJob(stores: Stores, messaging: Messaging, afterQueued: () => void, log: Logger): ScheduledJob {
  const items = new JobItems("training-reminders", stores, log);
  return {
    name: "training-reminders",
    run(now) {
      const { trainings, registrations } = stores.trainings;
      let queued = false;
      for (const session of trainings.upcoming(now)) {
        if (session.startsAt - DAY > now || session.startsAt <= now) continue;
        // Signed up less than a day ahead: they know, no reminder.
        for (const registration of registrations.ofSession(session.id)) {
          if (registration.status !== "registered" || registration.signedUpAt > session.startsAt - DAY) continue;
          const context = { session: session.id, registration: registration.id, userId: registration.userId };
          const sent = items.attempt(`registration ${registration.id}`, context, () => {
            if (!registrations.claimReminder(session.id, registration.userId, now)) return false;
            sendDirect(stores, registration.userId, dm.reminder(session, messaging.language, messaging.prefix), `training-reminder:${session.id}:${registration.userId}`, now);
            return true;
          });
          queued = sent === true || queued;
        }
      }
      if (queued) afterQueued();
    },
  };
}

/** Promotions left unconfirmed past their window pass to the next person waiting. */
export function trainingOffersJob(stores: Stores, messaging: Messaging, afterQueued: () => void, log: Logger): ScheduledJob {
  const items = new JobItems("training-offers", stores, log);
  return {
    name: "training-offers",
    run(now) {
      if (expireOffers(stores, now, messaging, items) > 0) afterQueued();
    },
  };
}
