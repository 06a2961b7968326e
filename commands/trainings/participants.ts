import { memberPill } from "../../src/matrix/display-names.ts";
import { DateTime } from "luxon";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { localeOf } from "../../src/i18n/language.ts";
import { placesText } from "../../src/trainings/texts.ts";
import { joinMarkdown, md, type Markdown } from "../../src/render/markdown.ts";
import { isSession, sessionArg, sessionByNumber } from "./session-lookup.ts";

export const participantsFormation = defineCommand({
  names: { fr: ["formation participants"], en: ["training attendees"] },
  group: "trainings",
  summary: { fr: "la liste des inscrits et la liste d'attente (équipe du centre)", en: "the roster and the waiting list (centre staff)" },
  args: [sessionArg],
  permission: "staff",
  execute(context, { session: number }) {
    const session = sessionByNumber(context, number);
    if (!isSession(session)) return session;
    const { stores, language } = context;
    const fr = language === "fr";
    const when = (at: number): string => DateTime.fromMillis(at, { zone: session.timeZone }).setLocale(localeOf(language)).toFormat("d LLL HH:mm");
    const all = stores.trainings.registrations.ofSession(session.id);
    const section = (title: Markdown, statuses: readonly string[]): Markdown => {
      const rows = all.filter((registration) => statuses.includes(registration.status));
      const lines = rows.map((registration, index) => md`${index + 1}. ${memberPill(stores, [context.room.roomId, session.announcementRoomId], registration.userId)} — ${when(registration.signedUpAt)}${registration.status === "offered" ? (fr ? " (place proposée, à confirmer)" : " (offered, to confirm)") : ""}`);
      return joinMarkdown([title, lines.length === 0 ? md`—` : joinMarkdown(lines, "\n")], "\n");
    };
    return reply(
      joinMarkdown(
        [
          md`**${session.title}** (${fr ? "session n°" : "session #"}${session.id}) — ${placesText(session, stores.trainings.trainings.counts(session), language)}`,
          section(fr ? md`**Inscrits**` : md`**Signed up**`, ["registered", "offered"]),
          section(fr ? md`**Liste d'attente**` : md`**Waiting list**`, ["waiting"]),
        ],
        "\n\n",
      ),
    );
  },
});
