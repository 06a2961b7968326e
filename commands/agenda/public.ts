import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { md } from "../../src/render/markdown.ts";
import { eventByNumber, isEvent, numberArg } from "./event-lookup.ts";

export const publicEvent = defineCommand({
  names: { fr: ["agenda public"], en: ["calendar public", "agenda public"] },
  group: "agenda",
  summary: { fr: "montrer un événement dans l'agenda public du centre (ou l'en retirer)", en: "show an event in the centre's public agenda (or remove it)" },
  args: [numberArg, { name: "state", kind: "choice", choices: ["oui", "non", "yes", "no"], optional: true, label: { fr: "oui ou non", en: "yes or no" } }],
  permission: "moderator",
  execute(context, { number, state }) {
    const found = eventByNumber(context, number);
    if (!isEvent(found)) return found;
    const { stores, now, language, settings } = context;
    const makePublic = state !== "non" && state !== "no";
    stores.agenda.events.setPublic(found.id, makePublic, now);
    const page = `${settings.publicBaseUrl}/agenda`;
    if (!makePublic) {
      return reply(language === "fr" ? md`« ${found.title} » n'est plus dans l'agenda public du centre.` : md`"${found.title}" is no longer in the centre's public agenda.`);
    }
    return reply(
      language === "fr"
        ? md`« ${found.title} » apparaît maintenant dans l'agenda public du centre : ${page}`
        : md`"${found.title}" now appears in the centre's public agenda: ${page}`,
    );
  },
});
