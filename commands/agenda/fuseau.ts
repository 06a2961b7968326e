import { IANAZone } from "luxon";
import { zoneLabel } from "../../src/agenda/parse-when.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { md } from "../../src/render/markdown.ts";

export const fuseau = defineCommand({
  names: { fr: ["agenda fuseau"], en: ["calendar timezone", "agenda timezone"] },
  group: "agenda",
  summary: { fr: "changer le fuseau horaire du salon", en: "change the room's time zone" },
  details: {
    fr: "Un nom de fuseau IANA, par exemple `Europe/Paris`, `America/Cayenne`, `Indian/Reunion`. Les nouveaux événements seront lus à l'heure de ce fuseau ; les événements existants gardent le leur.",
    en: "An IANA zone name such as `Europe/Paris` or `America/Cayenne`. New events are read in that zone; existing ones keep theirs.",
  },
  args: [{ name: "zone", kind: "word", label: { fr: "fuseau", en: "zone" } }],
  permission: "moderator",
  execute({ stores, room, language }, { zone }) {
    // Intl gives the canonical spelling ("europe/paris" → "Europe/Paris").
    const normalized = IANAZone.isValidZone(zone) ? new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone : undefined;
    if (normalized === undefined) {
      return refuse(
        language === "fr"
          ? md`« ${excerpt(zone)} » n'est pas un fuseau horaire que je connais. Exemples : Europe/Paris, America/Cayenne, Indian/Reunion, Pacific/Noumea.`
          : md`"${excerpt(zone)}" is not a time zone I know. Examples: Europe/Paris, America/Cayenne, Indian/Reunion, Pacific/Noumea.`,
      );
    }
    stores.rooms.setTimeZone(room.roomId, normalized);
    return reply(language === "fr" ? md`Fuseau horaire du salon : ${zoneLabel(normalized, language)}.` : md`Room time zone: ${zoneLabel(normalized, language)}.`);
  },
});
