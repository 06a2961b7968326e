import { weeklyDigestSetting } from "../../src/agenda/settings.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { md } from "../../src/render/markdown.ts";

export const resume = defineCommand({
  names: { fr: ["agenda résumé"], en: ["calendar digest", "agenda digest"] },
  group: "agenda",
  summary: { fr: "le résumé de la semaine chaque lundi à 9 h (oui ou non)", en: "the week's digest every Monday at 9:00 (on or off)" },
  args: [{ name: "state", kind: "choice", choices: ["oui", "non", "on", "off", "yes", "no"], label: { fr: "oui ou non", en: "on or off" } }],
  permission: "moderator",
  execute({ stores, room, language }, { state }) {
    const on = state === "oui" || state === "on" || state === "yes";
    stores.roomSettings.set(room.roomId, weeklyDigestSetting, on);
    if (language === "fr") {
      return reply(on ? md`C'est noté : chaque lundi à 9 h, je posterai les événements de la semaine.` : md`C'est noté : plus de résumé du lundi.`);
    }
    return reply(on ? md`Noted: every Monday at 9:00 I will post the week's events.` : md`Noted: no more Monday digest.`);
  },
});
