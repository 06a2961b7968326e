import { eventSummary } from "../../src/agenda/announcement.ts";
import { parseWhen } from "../../src/agenda/parse-when.ts";
import { whenProblemText } from "../../src/agenda/when-problems.ts";
import type { AgendaEventChange } from "../../storage/agenda/events-store.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { fold } from "../../src/dispatch/fold.ts";
import { t } from "../../src/i18n/catalog.ts";
import { joinMarkdown } from "../../src/render/markdown.ts";
import { eventByNumber, isEvent, LIMITS, mayChange, numberArg } from "./event-lookup.ts";

const FIELDS = ["date", "titre", "lieu", "description", "title", "place"] as const;
const CLEAR = new Set(["aucun", "aucune", "rien", "none", "-"]);

export const modifier = defineCommand({
  texts: "agenda.modifier",
  group: "agenda",
  args: [numberArg, { name: "field", kind: "choice", choices: FIELDS }, { name: "value", kind: "text" }],
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
      if (value.length > LIMITS.title) return refuse(t(language, "agenda.modifier.titleTooLong", { limit: LIMITS.title }));
      change = { field: "title", value };
    } else {
      const limit = field === "description" ? LIMITS.description : LIMITS.location;
      if (value.length > limit) return refuse(t(language, "agenda.modifier.tooLong", { limit }));
      change = { field: field === "description" ? "description" : "location", value: CLEAR.has(fold(value)) ? null : value };
    }
    stores.agenda.events.update(found.id, change, now);
    stores.agenda.announcements.markDirty(found.id, now);
    const updated = stores.agenda.events.get(found.id) ?? found;
    return reply(joinMarkdown([t(language, "agenda.modifier.done"), eventSummary(updated, language)], "\n"));
  },
});
