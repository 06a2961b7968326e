import { randomUUID } from "node:crypto";
import { queuedFor } from "../../src/pipeline/purpose.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { tokenize } from "../../src/dispatch/tokenize.ts";
import { TRAINING_ANNOUNCEMENT, TRAINING_KEY } from "../../src/trainings/live-announcements.ts";
import { sessionAnnouncement } from "../../src/trainings/texts.ts";
import { md } from "../../src/render/markdown.ts";
import { checkCapacity, isTiming, readConfirmationHours, readSessionTiming } from "./session-options.ts";


export const sessionOptions = [
  { name: "places", keys: ["places", "seats"], kind: "integer", label: { fr: "nombre", en: "number" } },
  { name: "lieu", keys: ["lieu", "place", "location"], kind: "word", label: { fr: "lieu", en: "place" } },
  { name: "confirmation", keys: ["confirmation"], kind: "word", label: { fr: "délai, ex. 48h", en: "delay, e.g. 48h" } },
] as const;

export const creer = defineCommand({
  names: { fr: ["formation créer"], en: ["training create"] },
  group: "trainings",
  summary: { fr: "créer une formation et sa première session (équipe du centre)", en: "create a training and its first session (centre staff)" },
  details: {
    fr: 'Exemple : `!formation créer "Initiation Nextcloud" jeudi 3 décembre 14h-16h places:10 lieu:"Salle 2" -- Apportez votre ordinateur`. Avec `confirmation:48h`, une personne promue de la liste d\'attente a 48 heures pour confirmer.',
    en: 'Example: `!training create "Nextcloud basics" Thursday 3 December 2pm-4pm places:10 place:"Room 2" -- Bring your laptop`.',
  },
  args: [{ name: "text", kind: "text", label: { fr: '"titre" quand', en: '"title" when' } }],
  options: sessionOptions,
  permission: "staff",
  execute(context, { text, places, lieu, confirmation }) {
    const { stores, now, language, sender, room, prefix } = context;
    const [title] = tokenize(text);
    if (title === undefined || !title.quoted || title.text === "" || title.text.length > 200) {
      return refuse(language === "fr" ? md`Mettez le titre de la formation entre guillemets, par exemple : ${prefix}formation créer "Initiation Nextcloud" jeudi 14h places:10` : md`Put the training's title in quotes, for example: ${prefix}training create "Nextcloud basics" Thursday 2pm places:10`);
    }
    const [whenText = "", ...descriptionParts] = text.slice(title.end).split(/\s+(?:--|—)\s*/u);
    const capacityRefusal = checkCapacity(context, places);
    if (capacityRefusal !== undefined) return capacityRefusal;
    const confirmationHours = readConfirmationHours(confirmation);
    if (confirmationHours === undefined) return refuse(language === "fr" ? md`Délai de confirmation non compris : écrivez par exemple confirmation:48h ou confirmation:2j, entre 1 heure et 60 jours.` : md`Confirmation delay not understood: write for example confirmation:48h or confirmation:2d, between 1 hour and 60 days.`);
    const timing = readSessionTiming(context, whenText);
    if (!isTiming(timing)) return timing;
    const description = descriptionParts.join(" -- ").trim();
    const trainingId = stores.trainings.trainings.createTraining(title.text, description === "" ? null : description, sender.userId, now);
    const session = stores.trainings.trainings.addSession(
      { trainingId, uid: `${randomUUID()}@minou`, ...timing, timeZone: room.timeZone, capacity: places ?? 1, location: lieu ?? null, confirmationHours },
      now,
    );
    return reply(sessionAnnouncement(session, stores.trainings.trainings.counts(session), language, prefix), {
      ...queuedFor(TRAINING_ANNOUNCEMENT, session.id),
      extraContent: { [TRAINING_KEY]: { training_session: session.id } },
    });
  },
});
