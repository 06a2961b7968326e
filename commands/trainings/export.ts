import { memberName } from "../../src/matrix/display-names.ts";
import { DateTime } from "luxon";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { toCsv } from "../../src/polls/csv.ts";
import { md } from "../../src/render/markdown.ts";
import { isSession, sessionArg, sessionByNumber } from "./session-lookup.ts";

const STATUS = {
  fr: { registered: "inscrit", offered: "place proposée", waiting: "en attente", cancelled: "désinscrit", expired: "délai dépassé" },
  en: { registered: "signed up", offered: "offered", waiting: "waiting", cancelled: "withdrew", expired: "expired" },
} as const;

export const exportFormation = defineCommand({
  names: { fr: ["formation export"], en: ["training export"] },
  group: "trainings",
  summary: { fr: "la liste des inscrits en fichier CSV, pour un tableur (équipe du centre)", en: "the roster as a CSV file, for a spreadsheet (centre staff)" },
  args: [sessionArg],
  permission: "staff",
  execute(context, { session: number }) {
    const session = sessionByNumber(context, number);
    if (!isSession(session)) return session;
    const { stores, language } = context;
    const fr = language === "fr";
    const registrations = stores.trainings.registrations.ofSession(session.id);
    const header = fr ? ["Nom", "Identifiant Matrix", "Statut", "Inscription", "Position d'attente"] : ["Name", "Matrix ID", "Status", "Signed up at", "Waiting position"];
    let waiting = 0;
    const rows = registrations.map((registration) => {
      if (registration.status === "waiting") waiting += 1;
      const at = DateTime.fromMillis(registration.signedUpAt, { zone: session.timeZone }).toFormat("yyyy-LL-dd HH:mm:ss");
      const name = memberName(stores, [context.room.roomId, session.announcementRoomId], registration.userId);
      return [name, registration.userId, STATUS[language][registration.status], at, registration.status === "waiting" ? waiting : ""];
    });
    const data = toCsv([header, ...rows]);
    const filename = `${fr ? "formation" : "training"}-${session.id}.csv`;
    return reply(fr ? md`Voici la liste de la session n°${session.id} de « ${session.title} » (CSV).` : md`Here is the roster of session #${session.id} of "${session.title}" (CSV).`, {
      followUps: [{ eventType: "m.room.message", content: { msgtype: "m.file", body: filename, filename, info: { mimetype: "text/csv", size: data.length } }, attachment: { filename, mimeType: "text/csv", data } }],
    });
  },
});
