import { DateTime } from "luxon";
import { localeOf, type Language } from "../i18n/language.ts";
import { code, md, type Markdown } from "../render/markdown.ts";
import type { WhenProblem } from "./parse-when.ts";

/** A clear explanation, with an example, for a date Minou could not take. */
export function whenProblemText(problem: WhenProblem, language: Language, timeZone: string, prefix: string): Markdown {
  const fr = language === "fr";
  const example = code(fr ? `${prefix}agenda ajouter jeudi 18h30 Réunion du bureau` : `${prefix}calendar add Thursday 6:30pm Board meeting`);
  const day = (instant: number): string => DateTime.fromMillis(instant, { zone: timeZone }).setLocale(localeOf(language)).toFormat("cccc d LLLL yyyy");
  const moment = (instant: number): string => DateTime.fromMillis(instant, { zone: timeZone }).setLocale(localeOf(language)).toFormat("cccc d LLLL yyyy, HH:mm");
  switch (problem.kind) {
    case "notFound":
      return fr
        ? md`Je n'ai pas trouvé de date au début du message. Commencez par la date, puis le titre, par exemple : ${example}`
        : md`I found no date at the start of your message. Start with the date, then the title, for example: ${example}`;
    case "past":
      return fr
        ? md`Cette date est déjà passée (${day(problem.startsAt)}) : je n'ai rien enregistré. Vérifiez le jour, par exemple : ${example}`
        : md`That date is already past (${day(problem.startsAt)}): nothing was saved. Check the day, for example: ${example}`;
    case "invalidDate":
      return fr ? md`Cette date n'existe pas dans le calendrier (par exemple le 31 février). Rien n'a été enregistré.` : md`That date does not exist (such as 31 February). Nothing was saved.`;
    case "endBeforeStart":
      return fr
        ? md`La fin est avant le début. Écrivez par exemple ${code("20h-22h")} ou ${code("du 14 au 16 février")}. Rien n'a été enregistré.`
        : md`The end is before the start. Write for example ${code("8pm-10pm")} or ${code("from 14 to 16 February")}. Nothing was saved.`;
    case "untilBeforeStart":
      return fr ? md`La date de fin de la répétition (« jusqu'au … ») est avant la première date. Rien n'a été enregistré.` : md`The repetition's end date ("until …") is before its first date. Nothing was saved.`;
    case "ambiguous":
      return ambiguityText(problem, fr, day, moment, prefix);
  }
}

function ambiguityText(
  problem: Extract<WhenProblem, { kind: "ambiguous" }>,
  fr: boolean,
  day: (instant: number) => string,
  moment: (instant: number) => string,
  prefix: string,
): Markdown {
  switch (problem.reason) {
    case "noTime":
      return fr
        ? md`À quelle heure ? Ajoutez une heure (${code("18h30")}, ${code("20h-22h")}) ou ${code("toute la journée")}, par exemple : ${code(`${prefix}agenda ajouter samedi toute la journée Vide-grenier`)}`
        : md`At what time? Add a time (${code("6:30pm")}, ${code("8pm-10pm")}) or ${code("all day")}, for example: ${code(`${prefix}calendar add Saturday all day Jumble sale`)}`;
    case "noDay":
      return fr
        ? md`Quel jour ? Pour une répétition, dites lequel : ${code("tous les mardis à 18h")}, ${code("chaque premier lundi du mois 20h")}, ${code("tous les 15 du mois 19h")}.`
        : md`Which day? For a repetition, say which: ${code("every Tuesday at 6pm")}, ${code("every first Monday of the month 8pm")}.`;
    case "dayMonthOrder":
      return fr
        ? md`Les dates s'écrivent jour/mois : ${code("25/12")} pour le 25 décembre. Rien n'a été enregistré.`
        : md`Dates are written day/month: ${code("25/12")} for 25 December. Nothing was saved.`;
    case "timeAndAllDay":
      return fr ? md`Une heure ou « toute la journée », mais pas les deux. Rien n'a été enregistré.` : md`A time or "all day", not both. Nothing was saved.`;
    case "untilWithoutRepeat":
      return fr
        ? md`« jusqu'au … » sert aux événements qui se répètent (${code("tous les mardis à 18h jusqu'au 30 juin")}) ou qui durent plusieurs jours (${code("du 14 au 16 février")}).`
        : md`"until …" is for repeating events (${code("every Tuesday at 6pm until 30 June")}) or events lasting several days.`;
    case "unclearDay":
      return fr
        ? md`Quel mois ? Ce jour n'existe pas ce mois-ci : écrivez la date en entier, par exemple ${code("le 31 mai à 18h")}. Rien n'a été enregistré.`
        : md`Which month? That day does not exist this month: write the full date, for example ${code("31 May at 6pm")}. Nothing was saved.`;
    case "midnight":
      return fr
        ? md`Minuit : au début ou à la fin de ce jour-là ? Écrivez plutôt ${code("samedi 23h59")} ou ${code("dimanche 0h")}. Rien n'a été enregistré.`
        : md`Midnight: at the start or the end of that day? Write ${code("Saturday 11:59pm")} or ${code("Sunday 0:00")} instead. Nothing was saved.`;
    case "hoursOverDays":
      return fr
        ? md`Chaque jour aux mêmes heures, ou d'une traite ? D'une traite, écrivez ${code("du lundi 22 mars 9h au vendredi 26 mars 17h")} ; chaque jour, ajoutez un événement par jour. Rien n'a été enregistré.`
        : md`The same hours every day, or one stretch? For one stretch, write ${code("from Monday 22 March 9am to Friday 26 March 5pm")}; for every day, add one event per day. Nothing was saved.`;
    case "dayInTitle":
      return fr
        ? md`Le jour est dans le titre : commencez par lui, par exemple ${code(`${prefix}agenda ajouter jeudi 18h Réunion`)}. Rien n'a été enregistré.`
        : md`The day is in the title: start with it, for example ${code(`${prefix}calendar add Thursday 6pm Meeting`)}. Nothing was saved.`;
    case "partlyUnderstood":
      return fr
        ? md`J'ai lu ${moment(problem.startsAt)}, mais pas la suite (« ${problem.leftOver} ») : je préfère demander. Réécrivez la date, par exemple ${code(`${prefix}agenda ajouter jeudi 25 mars à 18h Réunion`)}. Rien n'a été enregistré.`
        : md`I read ${moment(problem.startsAt)}, but not what follows ("${problem.leftOver}"), so I would rather ask. Rewrite the date, for example ${code(`${prefix}calendar add Thursday 25 March 6pm Meeting`)}. Nothing was saved.`;
    case "weekdayMismatch":
      return fr
        ? md`Le jour de la semaine ne correspond pas à la date : c'est un ${day(problem.startsAt)}. Rien n'a été enregistré ; corrigez l'un ou l'autre.`
        : md`The weekday does not match the date: it is ${day(problem.startsAt)}. Nothing was saved; correct one or the other.`;
  }
}
