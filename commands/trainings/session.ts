import { randomUUID } from "node:crypto";
import { t } from "../../src/i18n/catalog.ts";
import { queuedFor } from "../../src/pipeline/purpose.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { TRAINING_ANNOUNCEMENT, TRAINING_KEY } from "../../src/trainings/live-announcements.ts";
import { sessionAnnouncement, trainingCommand } from "../../src/trainings/texts.ts";
import { sessionOptions } from "./creer.ts";
import { checkCapacity, confirmationRefusal, isTiming, readConfirmationHours, readSessionTiming } from "./session-options.ts";

export const session = defineCommand({
  texts: "trainings.session",
  group: "trainings",
  args: [
    { name: "training", kind: "integer", min: 1 },
    { name: "when", kind: "text" },
  ],
  options: sessionOptions,
  permission: "staff",
  execute(context, { training, when, places, lieu, confirmation }) {
    const { stores, now, language, room, prefix } = context;
    if (!stores.trainings.trainings.trainingExists(training)) {
      return refuse(t(language, "trainings.session.trainingNotFound", { training, create: trainingCommand(language, prefix, "creer") }));
    }
    const capacityRefusal = checkCapacity(context, places);
    if (capacityRefusal !== undefined) return capacityRefusal;
    const confirmationHours = readConfirmationHours(confirmation);
    if (confirmationHours === undefined) return confirmationRefusal(context);
    const timing = readSessionTiming(context, when);
    if (!isTiming(timing)) return timing;
    const created = stores.trainings.trainings.addSession(
      { trainingId: training, uid: `${randomUUID()}@minou`, ...timing, timeZone: room.timeZone, capacity: places ?? 1, location: lieu ?? null, confirmationHours },
      now,
    );
    return reply(sessionAnnouncement(created, stores.trainings.trainings.counts(created), language, prefix), {
      ...queuedFor(TRAINING_ANNOUNCEMENT, created.id),
      extraContent: { [TRAINING_KEY]: { training_session: created.id } },
    });
  },
});
