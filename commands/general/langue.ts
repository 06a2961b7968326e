import { t } from "../../src/i18n/catalog.ts";
import { isLanguage, languageCodes } from "../../src/i18n/language.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";

export const langue = defineCommand({
  texts: "general.langue",
  group: "general",
  args: [
    {
      name: "language",
      kind: "choice",
      // The codes of locales/languages.json, read each time: a language added there is offered here.
      get choices() {
        return languageCodes();
      },
    },
  ],
  permission: "moderator",
  execute({ stores, room }, { language }) {
    // parseArgs only lets the choices through; the check narrows the type.
    if (!isLanguage(language)) throw new Error(`langue inconnue : ${language}`);
    stores.rooms.setLanguage(room.roomId, language);
    // Said in the language just chosen, which each catalog names itself.
    return reply(t(language, "general.langue.done"));
  },
});
