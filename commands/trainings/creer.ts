import { randomUUID } from "node:crypto";
import { t } from "../../src/i18n/catalog.ts";
import { queuedFor } from "../../src/pipeline/purpose.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { tokenize } from "../../src/dispatch/tokenize.ts";
import { TRAINING_ANNOUNCEMENT, TRAINING_KEY } from "../../src/trainings/live-announcements.ts";
import { sessionAnnouncement } from "../../src/trainings/texts.ts";
import { trusted } from "../../src/render/markdown.ts";
import { checkCapacity, confirmationRefusal, isTiming, readConfirmationHours, readSessionTiming } from "./session-options.ts";

/** Options of `!formation créer` and `!formation session`; their labels are `<command>.arg.<name>`. */
export const sessionOptions = [
  { name: "places", keys: ["places", "seats"], kind: "integer" },
  { name: "lieu", keys: ["lieu", "place", "location"], kind: "word" },
  { name: "confirmation", keys: ["confirmation"], kind: "word" },
] as const;

export const creer = defineCommand({
  texts: "trainings.creer",
  group: "trainings",
  args: [{ name: "text", kind: "text" }],
  options: sessionOptions,
  permission: "staff",
  execute(context, { text, places, lieu, confirmation }) {
    const { stores, now, language, sender, room, prefix } = context;
    const [title] = tokenize(text);
    if (title === undefined || !title.quoted || title.text === "" || title.text.length > 200) {
      // The example sits in a code span: the prefix goes in as it is typed.
      return refuse(t(language, "trainings.creer.titleMissing", { prefix: trusted(prefix) }));
    }
    const [whenText = "", ...descriptionParts] = text.slice(title.end).split(/\s+(?:--|—)\s*/u);
    const capacityRefusal = checkCapacity(context, places);
    if (capacityRefusal !== undefined) return capacityRefusal;
    const confirmationHours = readConfirmationHours(confirmation);
    if (confirmationHours === undefined) return confirmationRefusal(context);
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
