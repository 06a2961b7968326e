import { t } from "../../src/i18n/catalog.ts";
import { refuse, type CommandContext, type CommandResult } from "../../src/dispatch/command.ts";
import { code } from "../../src/render/markdown.ts";

/**
 * Announcements leave from the staff room only: what is typed there is seen by the whole team,
 * and a broadcast typed by mistake in an association room would be previewed in front of its members.
 */
export function outsideStaffRoom(context: CommandContext): CommandResult | undefined {
  const { settings, room, language } = context;
  if (settings.staffRoom === undefined) return refuse(t(language, "announcements.staffRoom.notConfigured", { key: code("staffRoom") }));
  if (room.roomId === settings.staffRoom) return undefined;
  return refuse(t(language, "announcements.staffRoom.elsewhere"));
}
