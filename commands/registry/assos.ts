import { DateTime } from "luxon";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { t } from "../../src/i18n/catalog.ts";
import { localeOf, type Language } from "../../src/i18n/language.ts";
import { joinMarkdown, md, type MarkdownPart } from "../../src/render/markdown.ts";

const POWER_KEYS = {
  pin: "registry.assos.power.pin",
  redact: "registry.assos.power.redact",
  "room-mention": "registry.assos.power.roomMention",
} as const;

/** What Minou cannot do in a room, in words; a power unknown to this list shows as recorded. */
function powerName(power: string, language: Language): MarkdownPart {
  const key = (POWER_KEYS as Readonly<Record<string, (typeof POWER_KEYS)[keyof typeof POWER_KEYS]>>)[power];
  return key === undefined ? power : t(language, key);
}

export const assos = defineCommand({
  texts: "registry.assos",
  group: "staff",
  args: [],
  permission: "staff",
  execute({ stores, language, settings }) {
    // Members' direct messages with Minou are not associations' rooms, nor is the staff's.
    const rooms = stores.rooms.associationRooms().filter((room) => room.roomId !== settings.staffRoom);
    if (rooms.length === 0) return reply(t(language, "registry.assos.none"));
    const lines = rooms.map((room) => {
      const parts: MarkdownPart[] = [md`**${room.associationName ?? room.name ?? room.roomId}**`];
      if (room.tags.length > 0) parts.push(room.tags.map((tag) => `#${tag}`).join(" "));
      if (room.memberCount !== null) parts.push(t(language, "registry.assos.members", { count: room.memberCount }));
      if (room.lastActivityAt !== null) {
        parts.push(t(language, "registry.assos.activity", { when: DateTime.fromMillis(room.lastActivityAt).setLocale(localeOf(language)).toRelative() ?? "" }));
      }
      if (room.missingPowers.length > 0) {
        parts.push(t(language, "registry.assos.missing", { powers: joinMarkdown(room.missingPowers.map((power) => powerName(power, language)), ", ") }));
      }
      return md`- ${joinMarkdown(parts, " · ")}`;
    });
    return reply(joinMarkdown([t(language, "registry.assos.title", { count: rooms.length }), ...lines], "\n"));
  },
});

