import { memberPill } from "../../src/matrix/display-names.ts";
import { DateTime } from "luxon";
import { t } from "../../src/i18n/catalog.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { localeOf } from "../../src/i18n/language.ts";
import { placesText } from "../../src/trainings/texts.ts";
import type { RegistrationStatus } from "../../src/trainings/model.ts";
import { joinMarkdown, type Markdown } from "../../src/render/markdown.ts";
import { isSession, sessionArg, sessionByNumber } from "./session-lookup.ts";

export const participantsFormation = defineCommand({
  texts: "trainings.participants",
  group: "trainings",
  args: [sessionArg],
  permission: "staff",
  execute(context, { session: number }) {
    const session = sessionByNumber(context, number);
    if (!isSession(session)) return session;
    const { stores, language } = context;
    // A compact list: the sign-up time abbreviated ("3 déc. 14:05").
    const when = (at: number): string => DateTime.fromMillis(at, { zone: session.timeZone }).setLocale(localeOf(language)).toFormat("d LLL HH:mm");
    const all = stores.trainings.registrations.ofSession(session.id);
    const section = (title: Markdown, statuses: readonly RegistrationStatus[]): Markdown => {
      const rows = all.filter((registration) => statuses.includes(registration.status));
      const lines = rows.map((registration, index) => {
        const row = { rank: index + 1, name: memberPill(stores, [context.room.roomId, session.announcementRoomId], registration.userId), signedUpAt: when(registration.signedUpAt) };
        return t(language, registration.status === "offered" ? "trainings.participants.rowOffered" : "trainings.participants.row", row);
      });
      return joinMarkdown([title, lines.length === 0 ? t(language, "trainings.participants.empty") : joinMarkdown(lines, "\n")], "\n");
    };
    return reply(
      joinMarkdown(
        [
          t(language, "trainings.participants.heading", { title: session.title, number: session.id, places: placesText(session, stores.trainings.trainings.counts(session), language) }),
          section(t(language, "trainings.participants.registeredTitle"), ["registered", "offered"]),
          section(t(language, "trainings.participants.waitingTitle"), ["waiting"]),
        ],
        "\n\n",
      ),
    );
  },
});
