import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { sessionWhen } from "../../src/trainings/texts.ts";
import { md } from "../../src/render/markdown.ts";
import { isSession, sessionArg, sessionByNumber } from "./session-lookup.ts";

export const confirmer = defineCommand({
  names: { fr: ["formation confirmer"], en: ["training confirm"] },
  group: "trainings",
  summary: { fr: "confirmer la place qui vous a été proposée", en: "confirm the place you were offered" },
  args: [sessionArg],
  permission: "member",
  execute(context, { session: number }) {
    const session = sessionByNumber(context, number);
    if (!isSession(session)) return session;
    const { stores, now, language, sender } = context;
    const registration = stores.trainings.registrations.of(session.id, sender.userId);
    if (registration?.status !== "offered") {
      return refuse(language === "fr" ? md`Aucune place ne vous attend pour la session n°${number}.` : md`No place is waiting for you in session #${number}.`);
    }
    stores.trainings.registrations.setStatus(registration.id, "registered", now);
    stores.trainings.trainings.touch(session.id, now);
    return reply(language === "fr" ? md`Merci, c'est confirmé : vous êtes inscrit·e à « ${session.title} », ${sessionWhen(session, language)}.` : md`Thank you, confirmed: you are signed up for "${session.title}", ${sessionWhen(session, language)}.`);
  },
});
