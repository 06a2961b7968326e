import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { t } from "../../src/i18n/catalog.ts";
import { eventByNumber, isEvent, numberArg } from "./event-lookup.ts";

export const publicEvent = defineCommand({
  texts: "agenda.public",
  group: "agenda",
  args: [numberArg, { name: "state", kind: "choice", choices: ["oui", "non", "yes", "no"], optional: true }],
  permission: "moderator",
  execute(context, { number, state }) {
    const found = eventByNumber(context, number);
    if (!isEvent(found)) return found;
    const { stores, now, language, settings } = context;
    const makePublic = state !== "non" && state !== "no";
    stores.agenda.events.setPublic(found.id, makePublic, now);
    const page = `${settings.publicBaseUrl}/agenda`;
    if (!makePublic) return reply(t(language, "agenda.public.removed", { title: found.title }));
    return reply(t(language, "agenda.public.added", { title: found.title, page }));
  },
});
