import { refuse, type CommandContext, type CommandResult } from "../../src/dispatch/command.ts";
import { code, md } from "../../src/render/markdown.ts";

/**
 * Announcements leave from the staff room only: what is typed there is seen by the whole team,
 * and a broadcast typed by mistake in an association room would be previewed in front of its members.
 */
export function outsideStaffRoom(context: CommandContext): CommandResult | undefined {
  const { settings, room, language } = context;
  const fr = language === "fr";
  if (settings.staffRoom === undefined) {
    return refuse(fr
      ? md`Les annonces partent du salon de l'équipe, et aucun n'est configuré : l'administrateur de Minou doit renseigner la clé ${code("staffRoom")}.`
      : md`Announcements leave from the staff room, and none is configured: Minou's administrator must set the ${code("staffRoom")} key.`);
  }
  if (room.roomId === settings.staffRoom) return undefined;
  return refuse(fr
    ? md`Les annonces se préparent et s'envoient depuis le salon de l'équipe du centre, pas d'ici : rien n'a été fait.`
    : md`Announcements are prepared and sent from the centre's staff room, not from here: nothing was done.`);
}
