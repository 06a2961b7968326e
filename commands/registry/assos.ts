import { DateTime } from "luxon";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { localeOf } from "../../src/i18n/language.ts";
import { joinMarkdown, md } from "../../src/render/markdown.ts";

const POWER_NAMES = {
  fr: { pin: "épingler", redact: "supprimer les messages (clore les sondages des membres)", "room-mention": "notifier tout le monde (@room des annonces)" },
  en: { pin: "pin", redact: "remove messages (close members' polls)", "room-mention": "notify everyone (@room in announcements)" },
} as const;

export const assos = defineCommand({
  names: { fr: ["assos"], en: ["associations"] },
  group: "staff",
  summary: { fr: "tous les salons d'association où est Minou : nom, thèmes, membres, activité, droits manquants (équipe du centre)", en: "every association room Minou is in: name, tags, members, activity, missing rights (centre staff)" },
  args: [],
  permission: "staff",
  execute({ stores, language, settings }) {
    const fr = language === "fr";
    // Members' direct messages with Minou are not associations' rooms, nor is the staff's.
    const rooms = stores.rooms.associationRooms().filter((room) => room.roomId !== settings.staffRoom);
    if (rooms.length === 0) return reply(fr ? md`Minou n'est dans aucun salon.` : md`Minou is in no room.`);
    const lines = rooms.map((room) => {
      const name = room.associationName ?? room.name ?? room.roomId;
      const tags = room.tags.length === 0 ? "" : ` · ${room.tags.map((tag) => `#${tag}`).join(" ")}`;
      const members = room.memberCount === null ? "" : fr ? ` · ${room.memberCount} membres` : ` · ${room.memberCount} members`;
      const activity =
        room.lastActivityAt === null ? "" : ` · ${fr ? "actif" : "active"} ${DateTime.fromMillis(room.lastActivityAt).setLocale(localeOf(language)).toRelative() ?? ""}`;
      const missing = room.missingPowers.length === 0 ? "" : ` · ⚠️ ${fr ? "Minou ne peut pas" : "Minou cannot"} ${room.missingPowers.map((power) => POWER_NAMES[language][power as keyof (typeof POWER_NAMES)["fr"]] ?? power).join(", ")}`;
      return md`- **${name}**${tags}${members}${activity}${missing}`;
    });
    return reply(joinMarkdown([fr ? md`**${rooms.length} salons**` : md`**${rooms.length} rooms**`, ...lines], "\n"));
  },
});
