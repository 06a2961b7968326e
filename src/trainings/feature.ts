import { createTrainingStores } from "../../storage/trainings/index.ts";
import { storeSet } from "../../storage/index.ts";
import { annulerInscription } from "../../commands/trainings/annuler-inscription.ts";
import { annulerSession } from "../../commands/trainings/annuler-session.ts";
import { confirmer } from "../../commands/trainings/confirmer.ts";
import { creer } from "../../commands/trainings/creer.ts";
import { exportFormation } from "../../commands/trainings/export.ts";
import { formations } from "../../commands/trainings/formations.ts";
import { inscrire } from "../../commands/trainings/inscrire.ts";
import { mesFormations } from "../../commands/trainings/mes-formations.ts";
import { modifierSession } from "../../commands/trainings/modifier.ts";
import { participantsFormation } from "../../commands/trainings/participants.ts";
import { session } from "../../commands/trainings/session.ts";
import { defineFeature, whenSent } from "../feature.ts";
import { trainingOffersJob, trainingRemindersJob } from "./jobs.ts";
import { liveTrainingAnnouncements, TRAINING_ANNOUNCEMENT } from "./live-announcements.ts";
import { trainingsPersonalData } from "./personal-data.ts";
import { TrainingReactions } from "./training-reactions.ts";

/** The centre's trainings: sessions announced in rooms, seats, the waiting list and its offers. */
export const trainingsFeature = defineFeature({
  name: "trainings",
  config: (config) => ({ language: config.defaultLanguage, prefix: config.commandPrefix }),
  stores: storeSet("trainings", createTrainingStores),
  commands: [formations, inscrire, annulerInscription, confirmer, mesFormations, creer, session, modifierSession, annulerSession, participantsFormation, exportFormation],
  privacy: { part: trainingsPersonalData },
  parts: ({ stores, now, log, config: messaging, wakeSender, scheduleEdits }) => ({
    reactions: [new TrainingReactions(stores, messaging, now, scheduleEdits)],
    live: [liveTrainingAnnouncements(stores, messaging.language, messaging.prefix)],
    jobs: [trainingOffersJob(stores, messaging, wakeSender, log.child("trainings")), trainingRemindersJob(stores, messaging, wakeSender, log.child("trainings"))],
    sent: [whenSent(TRAINING_ANNOUNCEMENT, (id, eventId, message) => stores.trainings.trainings.setAnnouncement(id, message.roomId, eventId))],
  }),
});

declare module "../dispatch/command.ts" {
  interface HelpGroups {
    readonly trainings: true;
  }
}
