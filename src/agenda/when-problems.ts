import { DateTime, Info } from "luxon";
import { plainText, t } from "../i18n/catalog.ts";
import { localeOf, type Language } from "../i18n/language.ts";
import { code, type Markdown } from "../render/markdown.ts";
import type { WhenProblem } from "./parse-when.ts";
import { dateWithoutWeekday, longDay } from "./parse-when/describe.ts";

/** A clear explanation, with an example, for a date Minou could not take. */
export function whenProblemText(problem: WhenProblem, language: Language, timeZone: string, prefix: string): Markdown {
  const example = code(prefix + plainText(language, "agenda.example.add"));
  const day = (instant: number): string => longDay(DateTime.fromMillis(instant, { zone: timeZone }), language);
  switch (problem.kind) {
    case "notFound":
      return t(language, "agenda.when.problem.notFound", { example });
    case "past":
      return t(language, "agenda.when.problem.past", { day: day(problem.startsAt), example });
    case "invalidDate":
      return t(language, "agenda.when.problem.invalidDate");
    case "endBeforeStart":
      return t(language, "agenda.when.problem.endBeforeStart");
    case "untilBeforeStart":
      return t(language, "agenda.when.problem.untilBeforeStart");
    case "ambiguous":
      return ambiguityText(problem, language, timeZone, day, prefix);
  }
}

function ambiguityText(problem: Extract<WhenProblem, { kind: "ambiguous" }>, language: Language, timeZone: string, day: (instant: number) => string, prefix: string): Markdown {
  switch (problem.reason) {
    case "noTime":
      return t(language, "agenda.when.problem.noTime", { example: code(prefix + plainText(language, "agenda.example.addAllDay")) });
    case "noDay":
      return t(language, "agenda.when.problem.noDay");
    case "dayMonthOrder":
      return t(language, "agenda.when.problem.dayMonthOrder");
    case "timeAndAllDay":
      return t(language, "agenda.when.problem.timeAndAllDay");
    case "untilWithoutRepeat":
      return t(language, "agenda.when.problem.untilWithoutRepeat");
    case "unclearDay":
      return t(language, "agenda.when.problem.unclearDay");
    case "midnight":
      return t(language, "agenda.when.problem.midnight");
    case "hoursOverDays":
      return t(language, "agenda.when.problem.hoursOverDays");
    case "dayInTitle":
      return t(language, "agenda.when.problem.dayInTitle", { example: code(prefix + plainText(language, "agenda.example.addShort")) });
    case "partlyUnderstood": {
      const moment = DateTime.fromMillis(problem.startsAt, { zone: timeZone }).setLocale(localeOf(language));
      return t(language, "agenda.when.problem.partlyUnderstood", {
        moment: `${day(problem.startsAt)}, ${moment.toFormat("HH:mm")}`,
        leftOver: problem.leftOver,
        example: code(prefix + plainText(language, "agenda.example.addFullDate")),
      });
    }
    case "weekdayMismatch": {
      const date = DateTime.fromMillis(problem.startsAt, { zone: timeZone });
      return t(language, "agenda.when.problem.weekdayMismatch", {
        date: dateWithoutWeekday(date, language),
        weekday: Info.weekdays("long", { locale: localeOf(language) })[date.weekday - 1] ?? "",
      });
    }
  }
}
