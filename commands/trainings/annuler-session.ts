import { t } from "../../src/i18n/catalog.ts";
import { memberName } from "../../src/matrix/display-names.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { sendDirect } from "../../src/pipeline/direct-message.ts";
import { dm } from "../../src/trainings/texts.ts";
import { isSession, messaging, sessionArg, sessionByNumber } from "./session-lookup.ts";

export const annulerSession = defineCommand({
  texts: "trainings.annuler",
  group: "trainings",
  args: [sessionArg],
  permission: "staff",
  execute(context, { session: number }) {
    const session = sessionByNumber(context, number);
    if (!isSession(session)) return session;
    const { stores, now, language, sender, room } = context;
    if (!stores.trainings.trainings.cancel(session.id, now)) {
      return refuse(t(language, "trainings.annuler.alreadyCancelled", { number }));
    }
    const cancelled = stores.trainings.trainings.session(session.id) ?? session;
    const told = stores.trainings.registrations.ofSession(session.id).filter((registration) => ["registered", "offered", "waiting"].includes(registration.status));
    const { language: dmLanguage } = messaging(context);
    // Who cancelled, so that those told know whom to ask: the name the room shows them.
    const canceller = memberName(stores, [room.roomId, session.announcementRoomId], sender.userId);
    for (const registration of told) {
      sendDirect(stores, registration.userId, dm.cancelled(cancelled, canceller, dmLanguage), `training-cancelled:${session.id}:${registration.userId}`, now);
    }
    stores.trainings.trainings.touch(session.id, now);
    return reply(t(language, "trainings.annuler.cancelled", { number, title: session.title, told: told.length }));
  },
});
