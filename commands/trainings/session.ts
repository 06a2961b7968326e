import { randomUUID } from "node:crypto";
import { queuedFor } from "../../src/pipeline/purpose.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { TRAINING_KEY } from "../../src/trainings/live-announcements.ts";
import { sessionAnnouncement } from "../../src/trainings/texts.ts";
import { md } from "../../src/render/markdown.ts";
import { TRAINING_ANNOUNCEMENT } from "../../src/trainings/live-announcements.ts";
import { sessionOptions } from "./creer.ts";
import { checkCapacity, isTiming, readConfirmationHours, readSessionTiming } from "./session-options.ts";

export const session = defineCommand({
  names: { fr: ["formation session"], en: ["training session"] },
  group: "trainings",
  summary: { fr: "ajouter une session à une formation (équipe du centre)", en: "add a session to a training (centre staff)" },
  details: { fr: "Exemple : `!formation session 3 mardi 8 décembre 18h-20h places:8`.", en: "Example: `!training session 3 Tuesday 8 December 6pm-8pm places:8`." },
  args: [
    { name: "training", kind: "integer", min: 1, label: { fr: "n° de formation", en: "training #" } },
    { name: "when", kind: "text", label: { fr: "quand", en: "when" } },
  ],
  options: sessionOptions,
  permission: "staff",
  execute(context, { training, when, places, lieu, confirmation }) {
    const { stores, now, language, room, prefix } = context;
    if (!stores.trainings.trainings.trainingExists(training)) {
      return refuse(language === "fr" ? md`Il n'y a pas de formation n°${training}. Créez-la avec ${prefix}formation créer.` : md`There is no training #${training}.`);
    }
    const capacityRefusal = checkCapacity(context, places);
    if (capacityRefusal !== undefined) return capacityRefusal;
    const confirmationHours = readConfirmationHours(confirmation);
    if (confirmationHours === undefined) return refuse(language === "fr" ? md`Délai de confirmation non compris : écrivez par exemple confirmation:48h ou confirmation:2j, entre 1 heure et 60 jours.` : md`Confirmation delay not understood: write for example confirmation:48h or confirmation:2d, between 1 hour and 60 days.`);
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
