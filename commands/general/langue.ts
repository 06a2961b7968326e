import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { md } from "../../src/render/markdown.ts";

export const langue = defineCommand({
  names: { fr: ["langue"], en: ["language"] },
  group: "general",
  summary: { fr: "choisir la langue de Minou dans ce salon", en: "choose Minou's language in this room" },
  args: [{ name: "language", kind: "choice", choices: ["fr", "en"], label: { fr: "langue", en: "language" } }],
  permission: "moderator",
  execute({ stores, room }, { language }) {
    stores.rooms.setLanguage(room.roomId, language);
    return reply(
      language === "fr"
        ? md`C'est noté : je parlerai français dans ce salon.`
        : md`Noted: I will speak English in this room.`,
    );
  },
});
