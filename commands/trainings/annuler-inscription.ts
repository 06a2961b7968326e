import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { withdraw } from "../../src/trainings/seats.ts";
import { md } from "../../src/render/markdown.ts";
import { isSession, messaging, sessionArg, sessionByNumber } from "./session-lookup.ts";

export const annulerInscription = defineCommand({
  names: { fr: ["formation annuler-inscription"], en: ["training withdraw"] },
  group: "trainings",
  summary: { fr: "annuler votre inscription (la place passe à la personne suivante)", en: "cancel your sign-up (the place goes to the next person)" },
  args: [sessionArg],
  permission: "member",
  execute(context, { session: number }) {
    const session = sessionByNumber(context, number);
    if (!isSession(session)) return session;
    const { stores, now, language, sender } = context;
    const result = withdraw(stores, session, sender.userId, now, messaging(context));
    if (result.kind === "notRegistered") {
      return refuse(language === "fr" ? md`Vous n'êtes pas inscrit·e à la session n°${number}.` : md`You are not signed up for session #${number}.`);
    }
    return reply(language === "fr" ? md`C'est noté : votre inscription à « ${session.title} » est annulée. Merci d'avoir libéré la place.` : md`Done: your sign-up for "${session.title}" is cancelled. Thank you for freeing the place.`);
  },
});
