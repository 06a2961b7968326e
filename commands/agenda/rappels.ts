import { reminderOffsetsSetting } from "../../src/agenda/settings.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { fold } from "../../src/dispatch/fold.ts";
import { plainText, t } from "../../src/i18n/catalog.ts";
import { formatDuration } from "../../src/i18n/format-duration.ts";
import { localeOf, type Language } from "../../src/i18n/language.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { code } from "../../src/render/markdown.ts";

const UNIT_MINUTES: readonly [RegExp, number][] = [
  [/^(j|jours?|d|days?)$/u, 1440],
  [/^(h|heures?|hours?)$/u, 60],
  [/^(m|min|mins|minutes?)$/u, 1],
];
const NONE = new Set(["aucun", "aucuns", "non", "off", "none", "no"]);

/** "1j 1h 30min" → [1440, 60, 30]; undefined when a word is not a delay. */
export function parseOffsets(text: string): number[] | undefined {
  const offsets: number[] = [];
  for (const match of fold(text).matchAll(/(\d+)\s*([a-z]+)|(\S+)/gu)) {
    if (match[3] !== undefined) return undefined;
    const unit = UNIT_MINUTES.find(([pattern]) => pattern.test(match[2] ?? ""));
    if (unit === undefined) return undefined;
    offsets.push(Number(match[1]) * unit[1]);
  }
  return offsets.length === 0 ? undefined : [...new Set(offsets)].sort((a, b) => b - a);
}

function describe(offsets: readonly number[], language: Language): string {
  if (offsets.length === 0) return plainText(language, "agenda.rappels.none");
  const delays = new Intl.ListFormat(localeOf(language), { type: "conjunction" }).format(offsets.map((minutes) => formatDuration(minutes * 60_000, language)));
  return plainText(language, "agenda.rappels.before", { delays });
}

export const rappels = defineCommand({
  texts: "agenda.rappels",
  group: "agenda",
  args: [{ name: "delays", kind: "text", optional: true }],
  permission: "moderator",
  execute({ stores, room, language, settings, prefix }, { delays }) {
    const current = stores.roomSettings.get(room.roomId, reminderOffsetsSetting) ?? settings.agenda.defaultReminderMinutes;
    if (delays === undefined) return reply(t(language, "agenda.rappels.current", { reminders: describe(current, language) }));
    const example = (key: "agenda.example.remindersDaysAndHours" | "agenda.example.remindersMinutes" | "agenda.example.remindersQuarter" | "agenda.example.remindersNone") =>
      code(prefix + plainText(language, key));
    const offsets = NONE.has(fold(delays.trim())) ? [] : parseOffsets(delays);
    if (offsets === undefined || offsets.length > 5 || offsets.some((minutes) => minutes > 30 * 1440)) {
      return refuse(
        t(language, "agenda.rappels.notUnderstood", {
          typed: excerpt(delays),
          daysAndHours: example("agenda.example.remindersDaysAndHours"),
          minutes: example("agenda.example.remindersMinutes"),
          none: example("agenda.example.remindersNone"),
        }),
      );
    }
    // A reminder "0 minutes before" would come with the event itself; the help promises `aucun` for none.
    if (offsets.includes(0)) {
      return refuse(
        t(language, "agenda.rappels.zero", { reminders: describe(current, language), example: example("agenda.example.remindersQuarter"), none: example("agenda.example.remindersNone") }),
      );
    }
    stores.roomSettings.set(room.roomId, reminderOffsetsSetting, offsets);
    return reply(t(language, "agenda.rappels.done", { reminders: describe(offsets, language) }));
  },
});
