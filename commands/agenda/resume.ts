import { weeklyDigestSetting } from "../../src/agenda/settings.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { t } from "../../src/i18n/catalog.ts";

export const resume = defineCommand({
  texts: "agenda.resume",
  group: "agenda",
  args: [{ name: "state", kind: "choice", choices: ["oui", "non", "on", "off", "yes", "no"] }],
  permission: "moderator",
  execute({ stores, room, language }, { state }) {
    const on = state === "oui" || state === "on" || state === "yes";
    stores.roomSettings.set(room.roomId, weeklyDigestSetting, on);
    return reply(t(language, on ? "agenda.resume.on" : "agenda.resume.off"));
  },
});
