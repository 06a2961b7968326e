import { t } from "../../src/i18n/catalog.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { promoteWaiting } from "../../src/trainings/seats.ts";
import { sessionLine } from "../../src/trainings/texts.ts";
import { trusted } from "../../src/render/markdown.ts";
import { isSession, messaging, sessionArg, sessionByNumber } from "./session-lookup.ts";
import { isTiming, readSessionTiming } from "./session-options.ts";

export const modifierSession = defineCommand({
  texts: "trainings.modifier",
  group: "trainings",
  args: [sessionArg, { name: "field", kind: "choice", choices: ["date", "lieu", "places", "place", "seats"] }, { name: "value", kind: "text" }],
  permission: "staff",
  execute(context, { session: number, field, value }) {
    const session = sessionByNumber(context, number);
    if (!isSession(session)) return session;
    const { stores, now, language, prefix } = context;
    const { trainings } = stores.trainings;
    if (session.cancelledAt !== null) return refuse(t(language, "trainings.modifier.cancelled", { number }));
    if (field === "date") {
      const timing = readSessionTiming(context, value);
      if (!isTiming(timing)) return timing;
      trainings.reschedule(session.id, timing.startsAt, timing.endsAt, now);
    } else if (field === "lieu" || field === "place") {
      trainings.setLocation(session.id, value, now);
    } else {
      // Beyond the safe range a number is rounded (and stored as a float, which the table refuses).
      const places = /^\d+$/u.test(value.trim()) && Number.isSafeInteger(Number(value)) ? Number(value) : Number.NaN;
      // The example is this command's own form ("places 12"), not the option of !formation créer.
      if (Number.isNaN(places)) return refuse(t(language, "trainings.modifier.placesNotANumber", { prefix: trusted(prefix), number }));
      if (places < 1) return refuse(t(language, "trainings.modifier.placesTooFew"));
      const counts = trainings.counts(session);
      const taken = counts.registered + counts.offered;
      if (places < taken) return refuse(t(language, "trainings.modifier.fewerThanTaken", { taken }));
      trainings.setCapacity(session.id, places, now);
      promoteWaiting(stores, trainings.session(session.id) ?? session, now, messaging(context));
    }
    trainings.touch(session.id, now);
    const updated = trainings.session(session.id) ?? session;
    return reply(t(language, "trainings.modifier.updated", { line: sessionLine(updated, trainings.counts(updated), language) }));
  },
});
