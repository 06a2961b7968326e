import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { signUp } from "../../src/trainings/seats.ts";
import { sessionWhen } from "../../src/trainings/texts.ts";
import { md } from "../../src/render/markdown.ts";
import { isSession, sessionArg, sessionByNumber } from "./session-lookup.ts";

export const inscrire = defineCommand({
  names: { fr: ["formation inscrire"], en: ["training signup"] },
  group: "trainings",
  summary: { fr: "s'inscrire à une session (ou sur sa liste d'attente)", en: "sign up for a session (or its waiting list)" },
  args: [sessionArg],
  permission: "member",
  execute(context, { session: number }) {
    const session = sessionByNumber(context, number);
    if (!isSession(session)) return session;
    const { stores, now, language, sender } = context;
    const fr = language === "fr";
    const result = signUp(stores, session, sender.userId, now);
    const when = sessionWhen(session, language);
    switch (result.kind) {
      case "registered":
        return reply(fr ? md`C'est noté : vous êtes inscrit·e à « ${session.title} », ${when}. Je vous le rappellerai la veille en message privé.` : md`Done: you are signed up for "${session.title}", ${when}. I will remind you the day before in a private message.`);
      case "waiting":
        return reply(fr ? md`La session est complète : vous êtes n°${result.position} sur la liste d'attente de « ${session.title} ». Je vous préviens en message privé si une place se libère.` : md`The session is full: you are #${result.position} on the waiting list for "${session.title}". I will tell you privately if a place frees up.`);
      case "already":
        return refuse(
          result.registration.status === "waiting"
            ? fr ? md`Vous êtes déjà sur la liste d'attente (n°${result.position}).` : md`You are already on the waiting list (#${result.position}).`
            : fr ? md`Vous êtes déjà inscrit·e à cette session.` : md`You are already signed up for this session.`,
        );
      case "unavailable":
        return refuse(result.reason === "cancelled" ? (fr ? md`Cette session est annulée.` : md`This session is cancelled.`) : fr ? md`Cette session a déjà commencé.` : md`This session has already started.`);
    }
  },
});
