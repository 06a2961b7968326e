import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { promoteWaiting } from "../../src/trainings/seats.ts";
import { sessionLine } from "../../src/trainings/texts.ts";
import { md } from "../../src/render/markdown.ts";
import { isSession, messaging, sessionArg, sessionByNumber } from "./session-lookup.ts";
import { checkCapacity, isTiming, readSessionTiming } from "./session-options.ts";

export const modifierSession = defineCommand({
  names: { fr: ["formation modifier"], en: ["training edit"] },
  group: "trainings",
  summary: { fr: "changer la date, le lieu ou le nombre de places d'une session (équipe du centre)", en: "change a session's date, place or number of places (centre staff)" },
  details: { fr: "Exemples : `!formation modifier 5 date jeudi 15h-17h`, `!formation modifier 5 lieu Salle 3`, `!formation modifier 5 places 12` (les personnes en attente montent d'autant).", en: "Examples: `!training edit 5 date Thursday 3pm-5pm`, `!training edit 5 places 12`." },
  args: [sessionArg, { name: "field", kind: "choice", choices: ["date", "lieu", "places", "place", "seats"], label: { fr: "champ", en: "field" } }, { name: "value", kind: "text", label: { fr: "valeur", en: "value" } }],
  permission: "staff",
  execute(context, { session: number, field, value }) {
    const session = sessionByNumber(context, number);
    if (!isSession(session)) return session;
    const { stores, now, language } = context;
    const { trainings } = stores.trainings;
    if (session.cancelledAt !== null) return refuse(language === "fr" ? md`La session n°${number} est annulée.` : md`Session #${number} is cancelled.`);
    if (field === "date") {
      const timing = readSessionTiming(context, value);
      if (!isTiming(timing)) return timing;
      trainings.reschedule(session.id, timing.startsAt, timing.endsAt, now);
    } else if (field === "lieu" || field === "place") {
      trainings.setLocation(session.id, value, now);
    } else {
      // Beyond the safe range a number is rounded (and stored as a float, which the table refuses).
      const places = /^\d+$/u.test(value.trim()) && Number.isSafeInteger(Number(value)) ? Number(value) : Number.NaN;
      const refusal = checkCapacity(context, Number.isNaN(places) ? undefined : places);
      if (refusal !== undefined) return refusal;
      const counts = trainings.counts(session);
      if (places < counts.registered + counts.offered) {
        return refuse(language === "fr" ? md`${counts.registered + counts.offered} personnes ont déjà une place : il faut au moins autant de places.` : md`${counts.registered + counts.offered} people already have a place: at least as many places are needed.`);
      }
      trainings.setCapacity(session.id, places, now);
      promoteWaiting(stores, trainings.session(session.id) ?? session, now, messaging(context));
    }
    trainings.touch(session.id, now);
    const updated = trainings.session(session.id) ?? session;
    return reply(md`${language === "fr" ? "C'est modifié : " : "Updated: "}${sessionLine(updated, trainings.counts(updated), language)}`);
  },
});
