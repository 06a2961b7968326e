import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { sendDirect } from "../../src/pipeline/direct-message.ts";
import { dm } from "../../src/trainings/texts.ts";
import { md } from "../../src/render/markdown.ts";
import { isSession, messaging, sessionArg, sessionByNumber } from "./session-lookup.ts";

export const annulerSession = defineCommand({
  names: { fr: ["formation annuler"], en: ["training cancel"] },
  group: "trainings",
  summary: { fr: "annuler une session : chaque inscrit et chaque personne en attente est prévenu (équipe du centre)", en: "cancel a session: everyone signed up or waiting is told (centre staff)" },
  args: [sessionArg],
  permission: "staff",
  execute(context, { session: number }) {
    const session = sessionByNumber(context, number);
    if (!isSession(session)) return session;
    const { stores, now, language } = context;
    if (!stores.trainings.trainings.cancel(session.id, now)) {
      return refuse(language === "fr" ? md`La session n°${number} est déjà annulée.` : md`Session #${number} is already cancelled.`);
    }
    const cancelled = stores.trainings.trainings.session(session.id) ?? session;
    const told = stores.trainings.registrations.ofSession(session.id).filter((registration) => ["registered", "offered", "waiting"].includes(registration.status));
    const { language: dmLanguage } = messaging(context);
    for (const registration of told) {
      sendDirect(stores, registration.userId, dm.cancelled(cancelled, dmLanguage), `training-cancelled:${session.id}:${registration.userId}`, now);
    }
    stores.trainings.trainings.touch(session.id, now);
    return reply(
      language === "fr"
        ? md`La session n°${number} de « ${session.title} » est annulée. ${told.length} personne${told.length > 1 ? "s" : ""} (inscrites ou en attente) ${told.length > 1 ? "sont prévenues" : "est prévenue"} en message privé.`
        : md`Session #${number} of "${session.title}" is cancelled. ${told.length} people (signed up or waiting) are told privately.`,
    );
  },
});
