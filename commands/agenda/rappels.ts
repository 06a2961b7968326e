import { reminderOffsetsSetting } from "../../src/agenda/settings.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { fold } from "../../src/dispatch/fold.ts";
import { formatDuration } from "../../src/i18n/format-duration.ts";
import { localeOf, type Language } from "../../src/i18n/language.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { code, md } from "../../src/render/markdown.ts";

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
  if (offsets.length === 0) return language === "fr" ? "aucun rappel" : "no reminders";
  const list = new Intl.ListFormat(localeOf(language), { type: "conjunction" }).format(offsets.map((minutes) => formatDuration(minutes * 60_000, language)));
  return language === "fr" ? `${list} avant chaque événement` : `${list} before each event`;
}

export const rappels = defineCommand({
  names: { fr: ["agenda rappels"], en: ["calendar reminders", "agenda reminders"] },
  group: "agenda",
  summary: { fr: "voir ou régler les rappels du salon", en: "see or set the room's reminders" },
  details: {
    fr: "`!agenda rappels` montre les rappels ; `!agenda rappels 1j 1h` rappelle un jour et une heure avant ; `!agenda rappels 30min` (1 minute avant au moins) ; `!agenda rappels aucun` les coupe.",
    en: "`!calendar reminders` shows them; `!calendar reminders 1d 1h` reminds a day and an hour before; `!calendar reminders 30min` (at least 1 minute before); `!calendar reminders none` turns them off.",
  },
  args: [{ name: "delays", kind: "text", optional: true, label: { fr: "délais", en: "delays" } }],
  permission: "moderator",
  execute({ stores, room, language, settings, prefix }, { delays }) {
    const current = stores.roomSettings.get(room.roomId, reminderOffsetsSetting) ?? settings.agenda.defaultReminderMinutes;
    if (delays === undefined) {
      return reply(language === "fr" ? md`Rappels de ce salon : ${describe(current, language)}.` : md`This room's reminders: ${describe(current, language)}.`);
    }
    const offsets = NONE.has(fold(delays.trim())) ? [] : parseOffsets(delays);
    if (offsets === undefined || offsets.length > 5 || offsets.some((minutes) => minutes > 30 * 1440)) {
      return refuse(
        language === "fr"
          ? md`Je n'ai pas compris « ${excerpt(delays)} ». Exemples : ${code(`${prefix}agenda rappels 1j 1h`)}, ${code(`${prefix}agenda rappels 30min`)}, ${code(`${prefix}agenda rappels aucun`)} (5 rappels au plus, 30 jours avant au plus).`
          : md`I did not understand "${excerpt(delays)}". Examples: ${code(`${prefix}calendar reminders 1d 1h`)}, ${code(`${prefix}calendar reminders none`)} (at most 5, at most 30 days before).`,
      );
    }
    // A reminder "0 minutes before" would come with the event itself; the help promises `aucun` for none.
    if (offsets.includes(0)) {
      return refuse(
        language === "fr"
          ? md`Un rappel 0 minute avant arriverait en même temps que l'événement : je ne l'enregistre pas, et les rappels restent ${describe(current, language)}. Donnez un délai d'au moins 1 minute (${code(`${prefix}agenda rappels 15min`)}), ou ${code(`${prefix}agenda rappels aucun`)} pour couper les rappels.`
          : md`A reminder 0 minutes before would come with the event itself: I am not saving it, and the reminders stay ${describe(current, language)}. Give a delay of at least 1 minute (${code(`${prefix}calendar reminders 15min`)}), or ${code(`${prefix}calendar reminders none`)} to turn reminders off.`,
      );
    }
    stores.roomSettings.set(room.roomId, reminderOffsetsSetting, offsets);
    return reply(language === "fr" ? md`C'est réglé : ${describe(offsets, language)}.` : md`Done: ${describe(offsets, language)}.`);
  },
});
