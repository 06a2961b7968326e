import { IANAZone } from "luxon";
import { zoneLabel } from "../../src/agenda/parse-when.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { t } from "../../src/i18n/catalog.ts";

export const fuseau = defineCommand({
  texts: "agenda.fuseau",
  group: "agenda",
  args: [{ name: "zone", kind: "word" }],
  permission: "moderator",
  execute({ stores, room, language }, { zone }) {
    // Intl gives the canonical spelling ("europe/paris" → "Europe/Paris").
    const normalized = IANAZone.isValidZone(zone) ? new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone : undefined;
    if (normalized === undefined) return refuse(t(language, "agenda.fuseau.unknown", { zone: excerpt(zone) }));
    stores.rooms.setTimeZone(room.roomId, normalized);
    return reply(t(language, "agenda.fuseau.done", { zone: zoneLabel(normalized, language) }));
  },
});
