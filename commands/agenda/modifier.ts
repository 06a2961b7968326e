import { eventSummary } from "../../src/agenda/announcement.ts";
import { parseWhen } from "../../src/agenda/parse-when.ts";
import { whenProblemText } from "../../src/agenda/when-problems.ts";
import type { AgendaEventChange } from "../../storage/agenda/events-store.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { fold } from "../../src/dispatch/fold.ts";
import { joinMarkdown, md } from "../../src/render/markdown.ts";
import { eventByNumber, isEvent, LIMITS, mayChange, numberArg } from "./event-lookup.ts";

const FIELDS = ["date", "titre", "lieu", "description", "title", "place"] as const;
const CLEAR = new Set(["aucun", "aucune", "rien", "none", "-"]);

export const modifier = defineCommand({
  names: { fr: ["agenda modifier"], en: ["calendar edit", "agenda edit"] },
  group: "agenda",
  summary: { fr: "changer la date, le titre, le lieu ou la description", en: "change the date, title, place or description" },
  details: {
    fr: "Exemples : `!agenda modifier 3 date vendredi 19h`, `!agenda modifier 3 lieu Maison des associations`, `!agenda modifier 3 description aucune`. Vos propres événements, ou tous si vous êtes modérateur.",
    en: "Examples: `!calendar edit 3 date Friday 7pm`, `!calendar edit 3 place Community hall`, `!calendar edit 3 description none`.",
  },
  args: [numberArg, { name: "field", kind: "choice", choices: FIELDS, label: { fr: "champ", en: "field" } }, { name: "value", kind: "text", label: { fr: "valeur", en: "value" } }],
  permission: "member",
  execute(context, { number, field, value }) {
    const found = eventByNumber(context, number);
    if (!isEvent(found)) return found;
    const refusal = mayChange(context, found);
    if (refusal !== undefined) return refusal;
    const { stores, room, now, language, settings, prefix } = context;
    let change: AgendaEventChange;
    if (field === "date") {
      const parsed = parseWhen(value, { now, timeZone: found.timeZone, language, defaultDurationMinutes: settings.agenda.defaultDurationMinutes });
      if (!parsed.ok) return refuse(whenProblemText(parsed.problem, language, room.timeZone, prefix));
      change = { field: "timing", startsAt: parsed.when.startsAt, endsAt: parsed.when.endsAt, allDay: parsed.when.allDay, rrule: parsed.when.rrule };
    } else if (field === "titre" || field === "title") {
      if (value.length > LIMITS.title) return refuse(language === "fr" ? md`Titre trop long (${LIMITS.title} caractères au plus).` : md`Title too long (at most ${LIMITS.title} characters).`);
      change = { field: "title", value };
    } else {
      const limit = field === "description" ? LIMITS.description : LIMITS.location;
      if (value.length > limit) return refuse(language === "fr" ? md`Trop long (${limit} caractères au plus).` : md`Too long (at most ${limit} characters).`);
      change = { field: field === "description" ? "description" : "location", value: CLEAR.has(fold(value)) ? null : value };
    }
    stores.agenda.events.update(found.id, change, now);
    stores.agenda.announcements.markDirty(found.id, now);
    const updated = stores.agenda.events.get(found.id) ?? found;
    const intro = language === "fr" ? md`C'est modifié :` : md`Updated:`;
    return reply(joinMarkdown([intro, eventSummary(updated, language)], "\n"));
  },
});
