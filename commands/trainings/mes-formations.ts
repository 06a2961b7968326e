import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { sessionWhen } from "../../src/trainings/texts.ts";
import { joinMarkdown, md } from "../../src/render/markdown.ts";

export const mesFormations = defineCommand({
  names: { fr: ["mes-formations"], en: ["my-trainings"] },
  group: "trainings",
  summary: { fr: "vos inscriptions et vos places en liste d'attente", en: "your sign-ups and waiting-list places" },
  args: [],
  permission: "member",
  readOnly: true,
  execute({ stores, sender, now, language }) {
    const { registrations, trainings } = stores.trainings;
    const fr = language === "fr";
    const lines = registrations.ofUser(sender.userId).flatMap((registration) => {
      const session = trainings.session(registration.sessionId);
      if (session === undefined || session.endsAt <= now || session.cancelledAt !== null) return [];
      const status =
        registration.status === "registered"
          ? fr ? "inscrit·e" : "signed up"
          : registration.status === "offered"
            ? fr ? `place proposée : confirmez avec !formation confirmer ${session.id}` : `place offered: confirm with !training confirm ${session.id}`
            : fr ? `en attente (n°${registrations.waitingPosition(registration)})` : `waiting (#${registrations.waitingPosition(registration)})`;
      return [md`- **${session.title}** (n°${session.id}), ${sessionWhen(session, language)} — ${status}`];
    });
    if (lines.length === 0) return reply(fr ? md`Vous n'êtes inscrit·e à aucune formation à venir. Voyez-les avec !formations.` : md`You are not signed up for any upcoming training. See them with !trainings.`);
    return reply(joinMarkdown([fr ? md`**Vos formations**` : md`**Your trainings**`, ...lines], "\n"));
  },
});
