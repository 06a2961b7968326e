import { DateTime } from "luxon";
import type { Language } from "../../i18n/language.ts";
import type { ParsedWhen } from "../parse-when.ts";
import { readRRuleValue, WEEKDAY_CODES, type ReadRRule, type WeekdayCode } from "./recurrence.ts";

interface Words {
  readonly weekdays: readonly string[];
  readonly months: readonly string[];
}

const FR: Words = {
  weekdays: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
  months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
};
const EN: Words = {
  weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};

/** Zones whose usual name is not the last part of the IANA name, or needs an article. */
const ZONE_LABELS: Readonly<Record<string, Readonly<Record<Language, string>>>> = {
  "Europe/Paris": { fr: "heure de Paris", en: "Paris time" },
  "Indian/Reunion": { fr: "heure de La Réunion", en: "Réunion time" },
  "America/Martinique": { fr: "heure de la Martinique", en: "Martinique time" },
  "America/Guadeloupe": { fr: "heure de la Guadeloupe", en: "Guadeloupe time" },
  "America/Miquelon": { fr: "heure de Saint-Pierre-et-Miquelon", en: "Saint Pierre and Miquelon time" },
  "Pacific/Noumea": { fr: "heure de Nouméa", en: "Nouméa time" },
  "Europe/Brussels": { fr: "heure de Bruxelles", en: "Brussels time" },
  "Europe/London": { fr: "heure de Londres", en: "London time" },
  "America/Montreal": { fr: "heure de Montréal", en: "Montreal time" },
  "America/Toronto": { fr: "heure de Toronto", en: "Toronto time" },
};

export function zoneLabel(timeZone: string, language: Language): string {
  const known = ZONE_LABELS[timeZone]?.[language];
  if (known !== undefined) return known;
  if (/^(?:Etc\/)?(?:UTC|GMT|Zulu|UCT|Universal)$/.test(timeZone)) return "UTC";
  const city = (timeZone.split("/").pop() ?? timeZone).replace(/_/g, " ");
  if (language === "en") return `${city} time`;
  return /^[AEIOUYÉaeiouy]/.test(city) ? `heure d'${city}` : `heure de ${city}`;
}

function words(language: Language): Words {
  return language === "fr" ? FR : EN;
}

/** "mardi 1er décembre 2026", "Tuesday 1 December 2026". */
function longDay(day: DateTime, language: Language): string {
  const { weekdays, months } = words(language);
  const dayNumber = language === "fr" && day.day === 1 ? "1er" : String(day.day);
  return `${weekdays[day.weekday - 1]} ${dayNumber} ${months[day.month - 1]} ${day.year}`;
}

function dateWithoutYear(day: DateTime, language: Language): string {
  const dayNumber = language === "fr" && day.day === 1 ? "1er" : String(day.day);
  return `${dayNumber} ${words(language).months[day.month - 1]}`;
}

function dateWithoutWeekday(day: DateTime, language: Language): string {
  return `${dateWithoutYear(day, language)} ${day.year}`;
}

const clock = (moment: DateTime) => moment.toFormat("HH:mm");

const FR_COUNTS = ["", "", "deux", "trois", "quatre", "cinq", "six"];
const frCount = (n: number) => FR_COUNTS[n] ?? String(n);
const FR_POSITIONS: Readonly<Record<string, string>> = { "1": "premier", "2": "deuxième", "3": "troisième", "4": "quatrième", "-1": "dernier" };
const EN_POSITIONS: Readonly<Record<string, string>> = { "1": "first", "2": "second", "3": "third", "4": "fourth", "-1": "last" };

function enOrdinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
}

function joinWords(items: readonly string[], language: Language): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${language === "fr" ? "et" : "and"} ${items.at(-1) ?? ""}`;
}

const isWorkingWeek = (days: readonly WeekdayCode[]) =>
  days.length === 5 && ["MO", "TU", "WE", "TH", "FR"].every((day) => days.includes(day as WeekdayCode));

function dayNames(days: readonly WeekdayCode[], language: Language): string[] {
  return days.map((code) => words(language).weekdays[WEEKDAY_CODES.indexOf(code)] ?? code);
}

function frenchRule(rule: ReadRRule, start: DateTime): string {
  const n = rule.interval;
  const days = dayNames(rule.weekdays, "fr");
  switch (rule.freq) {
    case "DAILY":
      return n === 1 ? "tous les jours" : `tous les ${frCount(n)} jours`;
    case "WEEKLY":
      if (days.length === 0) return n === 1 ? "toutes les semaines" : `toutes les ${frCount(n)} semaines`;
      if (n === 1) return isWorkingWeek(rule.weekdays) ? "du lundi au vendredi" : `tous les ${joinWords(days.map((day) => `${day}s`), "fr")}`;
      if (days.length === 1) return `un ${days[0] ?? ""} sur ${frCount(n)}`;
      return `toutes les ${frCount(n)} semaines, ${joinWords(days.map((day) => `le ${day}`), "fr")}`;
    case "MONTHLY": {
      const every = n === 1 ? "de chaque mois" : `du mois, tous les ${frCount(n)} mois`;
      if (days.length > 0 && rule.setPosition !== null) {
        return `le ${FR_POSITIONS[String(rule.setPosition)] ?? String(rule.setPosition)} ${joinWords(days, "fr")} ${every}`;
      }
      const monthDay = rule.monthDay ?? start.day;
      return `le ${monthDay === 1 ? "1er" : monthDay} ${every}`;
    }
    case "YEARLY":
      return `${n === 1 ? "tous les ans" : `tous les ${frCount(n)} ans`}, le ${dateWithoutYear(start, "fr")}`;
  }
}

function englishRule(rule: ReadRRule, start: DateTime): string {
  const n = rule.interval;
  const days = dayNames(rule.weekdays, "en");
  switch (rule.freq) {
    case "DAILY":
      return n === 1 ? "every day" : `every ${n} days`;
    case "WEEKLY":
      if (days.length === 0) return n === 1 ? "every week" : `every ${n} weeks`;
      if (n === 1) return isWorkingWeek(rule.weekdays) ? "every weekday (Monday to Friday)" : `every ${joinWords(days, "en")}`;
      if (n === 2) return `every other ${joinWords(days, "en")}`;
      return `every ${n} weeks on ${joinWords(days, "en")}`;
    case "MONTHLY": {
      const every = n === 1 ? "of every month" : `of the month, every ${n} months`;
      if (days.length > 0 && rule.setPosition !== null) {
        return `on the ${EN_POSITIONS[String(rule.setPosition)] ?? String(rule.setPosition)} ${joinWords(days, "en")} ${every}`;
      }
      return `on the ${enOrdinal(rule.monthDay ?? start.day)} ${every}`;
    }
    case "YEARLY":
      return `${n === 1 ? "every year" : `every ${n} years`} on ${dateWithoutYear(start, "en")}`;
  }
}

function describeRecurring(when: ParsedWhen, rrule: string, start: DateTime, end: DateTime, timeZone: string, language: Language): string {
  const rule = readRRuleValue(rrule);
  const fr = language === "fr";
  const parts: string[] = [];
  const ruleText = rule === null ? (fr ? `répété (règle ${rrule})` : `repeating (rule ${rrule})`) : fr ? frenchRule(rule, start) : englishRule(rule, start);
  const zone = zoneLabel(timeZone, language);
  if (when.allDay) parts.push(`${ruleText}, ${fr ? "toute la journée" : "all day"}`);
  else if (fr) parts.push(`${ruleText} de ${clock(start)} à ${clock(end)} (${zone})`);
  else parts.push(`${ruleText}, ${clock(start)}–${clock(end)} (${zone})`);
  parts.push(fr ? `à partir du ${longDay(start, language)}` : `starting ${longDay(start, language)}`);
  if (rule?.untilUtc !== null && rule?.untilUtc !== undefined) {
    const until = dateWithoutWeekday(DateTime.fromMillis(rule.untilUtc, { zone: timeZone }), language);
    parts.push(fr ? `jusqu'au ${until}` : `until ${until}`);
  }
  if (rule?.count !== null && rule?.count !== undefined) parts.push(fr ? `${rule.count} fois` : `${rule.count} times`);
  return parts.join(", ");
}

/**
 * The confirmation Minou prints after reading a date: weekday, full date with year, 24-hour times
 * and the zone, so a misread day or year is obvious to the member.
 */
export function describeWhen(when: ParsedWhen, timeZone: string, language: Language): string {
  const start = DateTime.fromMillis(when.startsAt, { zone: timeZone });
  const end = DateTime.fromMillis(when.endsAt, { zone: timeZone });
  if (when.rrule !== null) return describeRecurring(when, when.rrule, start, end, timeZone, language);
  const fr = language === "fr";
  if (when.allDay) {
    const lastDay = end.minus({ days: 1 }).startOf("day");
    if (lastDay <= start.startOf("day")) return `${longDay(start, language)}, ${fr ? "toute la journée" : "all day"}`;
    return fr
      ? `du ${longDay(start, language)} au ${longDay(lastDay, language)}`
      : `from ${longDay(start, language)} to ${longDay(lastDay, language)}`;
  }
  const zone = zoneLabel(timeZone, language);
  if (start.hasSame(end, "day") || end.equals(start.plus({ days: 1 }).startOf("day"))) {
    return `${longDay(start, language)}, ${clock(start)}–${clock(end)} (${zone})`;
  }
  return fr
    ? `du ${longDay(start, language)}, ${clock(start)} au ${longDay(end, language)}, ${clock(end)} (${zone})`
    : `from ${longDay(start, language)}, ${clock(start)} to ${longDay(end, language)}, ${clock(end)} (${zone})`;
}
