import { memberName } from "../../src/matrix/display-names.ts";
import { DateTime } from "luxon";
import { plainText, t } from "../../src/i18n/catalog.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { toCsv } from "../../src/polls/csv.ts";
import { isSession, sessionArg, sessionByNumber } from "./session-lookup.ts";

export const exportFormation = defineCommand({
  texts: "trainings.export",
  group: "trainings",
  args: [sessionArg],
  permission: "staff",
  execute(context, { session: number }) {
    const session = sessionByNumber(context, number);
    if (!isSession(session)) return session;
    const { stores, language } = context;
    const registrations = stores.trainings.registrations.ofSession(session.id);
    const header = [
      plainText(language, "trainings.export.column.name"),
      plainText(language, "trainings.export.column.matrixId"),
      plainText(language, "trainings.export.column.status"),
      plainText(language, "trainings.export.column.signedUpAt"),
      plainText(language, "trainings.export.column.waitingPosition"),
    ];
    let waiting = 0;
    const rows = registrations.map((registration) => {
      if (registration.status === "waiting") waiting += 1;
      const at = DateTime.fromMillis(registration.signedUpAt, { zone: session.timeZone }).toFormat("yyyy-LL-dd HH:mm:ss");
      const name = memberName(stores, [context.room.roomId, session.announcementRoomId], registration.userId);
      const status = plainText(language, `trainings.export.status.${registration.status}`);
      return [name, registration.userId, status, at, registration.status === "waiting" ? waiting : ""];
    });
    const data = toCsv([header, ...rows]);
    const filename = plainText(language, "trainings.export.filename", { number: session.id });
    return reply(t(language, "trainings.export.ready", { number: session.id, title: session.title }), {
      followUps: [{ eventType: "m.room.message", content: { msgtype: "m.file", body: filename, filename, info: { mimetype: "text/csv", size: data.length } }, attachment: { filename, mimeType: "text/csv", data } }],
    });
  },
});
