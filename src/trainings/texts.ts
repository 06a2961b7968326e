import { DateTime } from "luxon";
import { commandLine, commandName } from "../i18n/command-line.ts";
import { shortWhen } from "../agenda/format.ts";
import { zoneLabel } from "../agenda/parse-when.ts";
import { plainText, t } from "../i18n/catalog.ts";
import { localeOf, type Language } from "../i18n/language.ts";
import { joinMarkdown, md, type Markdown } from "../render/markdown.ts";
import type { SessionCounts, TrainingSession } from "./model.ts";

const DAY = 86_400_000;

/** Commands of this area whose names the texts show. */
type TrainingCommand = "formations" | "inscrire" | "annulerInscription" | "confirmer" | "mesFormations" | "creer";

/** "formation inscrire": the first name of a command of this area in the language. */
export function trainingCommandName(language: Language, command: TrainingCommand): string {
  return commandName(language, `trainings.${command}`);
}

/** `!formation inscrire 5`: a command of this area in the language, as a code span. */
export function trainingCommand(language: Language, prefix: string, command: TrainingCommand, argument?: number): Markdown {
  return commandLine(language, `trainings.${command}`, prefix, argument === undefined ? "" : String(argument));
}

/** "jeu. 3 déc., 14:00–16:00 (heure de Paris)": for lists, where room is short. */
export function sessionWhenShort(session: TrainingSession, language: Language): string {
  return plainText(language, "trainings.when.short", {
    when: shortWhen(session.startsAt, session.endsAt, false, session.timeZone, language),
    zone: zoneLabel(session.timeZone, language),
  });
}

/** "le jeudi 3 décembre de 14:00 à 16:00 (heure de Paris)": in running prose, nothing abbreviated. */
export function sessionWhen(session: TrainingSession, language: Language): string {
  const locale = localeOf(language);
  const start = DateTime.fromMillis(session.startsAt, { zone: session.timeZone }).setLocale(locale);
  const end = DateTime.fromMillis(session.endsAt, { zone: session.timeZone }).setLocale(locale);
  const day = (value: DateTime): string => value.toFormat("cccc d LLLL");
  const time = (value: DateTime): string => value.toLocaleString(DateTime.TIME_SIMPLE);
  const zone = zoneLabel(session.timeZone, language);
  return start.hasSame(end, "day")
    ? plainText(language, "trainings.when.sameDay", { day: day(start), start: time(start), end: time(end), zone })
    : plainText(language, "trainings.when.severalDays", { startDay: day(start), start: time(start), endDay: day(end), end: time(end), zone });
}

/** Whether a member signing up at `now` gets the reminder (jobs.ts: only when signed up a day ahead). */
export function remindedBeforehand(session: TrainingSession, now: number): "yes" | "no" {
  return now <= session.startsAt - DAY ? "yes" : "no";
}

/** "3 places restantes sur 10 · 2 en attente" */
export function placesText(session: TrainingSession, counts: SessionCounts, language: Language): string {
  return plainText(language, "trainings.places", { left: counts.placesLeft, capacity: session.capacity, waiting: counts.waiting });
}

/** One session in a list: number, title, when, where, places. */
export function sessionLine(session: TrainingSession, counts: SessionCounts, language: Language): Markdown {
  const common = { number: session.id, title: session.title, when: sessionWhenShort(session, language), places: placesText(session, counts, language) };
  return session.location === null ? t(language, "trainings.line", common) : t(language, "trainings.lineWithLocation", { ...common, location: session.location });
}

/** The announcement members react ✅ to in order to sign up; edited as places fill. */
export function sessionAnnouncement(session: TrainingSession, counts: SessionCounts, language: Language, prefix: string): Markdown {
  const lines: Markdown[] = [t(language, "trainings.announcement.line", { line: sessionLine(session, counts, language) })];
  if (session.description !== null) lines.push(md`${session.description}`);
  if (session.cancelledAt !== null) {
    lines.unshift(t(language, "trainings.announcement.cancelled"));
    return joinMarkdown(lines, "\n");
  }
  lines.push(t(language, "trainings.announcement.howToSignUp", { signup: trainingCommand(language, prefix, "inscrire", session.id) }));
  return joinMarkdown(lines, "\n");
}

export const dm = {
  /** The answer to a ✅ on a session's announcement: a reaction alone would tell the member nothing. */
  signedUpByReaction(session: TrainingSession, language: Language, prefix: string, now: number): Markdown {
    return t(language, "trainings.dm.signedUpByReaction", {
      title: session.title,
      when: sessionWhen(session, language),
      reminder: remindedBeforehand(session, now),
      withdraw: trainingCommand(language, prefix, "annulerInscription", session.id),
    });
  },
  waitingByReaction(session: TrainingSession, position: number, language: Language, prefix: string): Markdown {
    return t(language, "trainings.dm.waitingByReaction", { title: session.title, position, withdraw: trainingCommand(language, prefix, "annulerInscription", session.id) });
  },
  unavailableByReaction(session: TrainingSession, reason: "cancelled" | "started", language: Language): Markdown {
    return t(language, reason === "cancelled" ? "trainings.dm.cancelledByReaction" : "trainings.dm.startedByReaction", { title: session.title });
  },
  promoted(session: TrainingSession, language: Language, prefix: string): Markdown {
    const when = sessionWhen(session, language);
    if (session.confirmationHours === null) {
      return t(language, "trainings.dm.promoted", { title: session.title, when, withdraw: trainingCommand(language, prefix, "annulerInscription", session.id) });
    }
    return t(language, "trainings.dm.offered", { title: session.title, when, hours: session.confirmationHours, confirm: trainingCommand(language, prefix, "confirmer", session.id) });
  },
  offerExpired(session: TrainingSession, language: Language, prefix: string): Markdown {
    return t(language, "trainings.dm.offerExpired", { title: session.title, signup: trainingCommand(language, prefix, "inscrire", session.id) });
  },
  /** Says only what Minou knows: which session, that it is cancelled, by whom, and who to ask. */
  cancelled(session: TrainingSession, cancelledBy: string, language: Language): Markdown {
    return t(language, "trainings.dm.cancelled", { title: session.title, when: sessionWhen(session, language), canceller: cancelledBy });
  },
  reminder(session: TrainingSession, language: Language, prefix: string): Markdown {
    const common = { title: session.title, when: sessionWhen(session, language), withdraw: trainingCommand(language, prefix, "annulerInscription", session.id) };
    return session.location === null ? t(language, "trainings.dm.reminder", common) : t(language, "trainings.dm.reminderWithLocation", { ...common, location: session.location });
  },
};
