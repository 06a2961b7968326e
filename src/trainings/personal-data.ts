import { md } from "../render/markdown.ts";
import { DAY_MS, effect, isoTime, type ErasureEffect, type MemberScope, type PersonalDataPart } from "../privacy/personal-data.ts";
import type { Registration } from "./model.ts";
import { withdraw } from "./seats.ts";

/** Sign-ups that still hold a seat or a place in line: erasing them frees it for the next person. */
function upcomingSignUps({ stores, userId, now }: MemberScope): Registration[] {
  return stores.trainings.registrations.ofUser(userId).filter((registration) => {
    const session = stores.trainings.trainings.session(registration.sessionId);
    return session !== undefined && session.cancelledAt === null && session.endsAt > now;
  });
}

function effects(upcoming: number, past: number, created: number): ErasureEffect[] {
  return [
    effect(
      upcoming,
      ["inscription à venir, annulée : la place passe à la personne suivante, prévenue en message privé", "inscriptions à venir, annulées : chaque place passe à la personne suivante, prévenue en message privé"],
      ["upcoming sign-up, cancelled: the place goes to the next person, told privately", "upcoming sign-ups, cancelled: each place goes to the next person, told privately"],
    ),
    effect(past, ["inscription passée ou annulée, oubliée", "inscriptions passées ou annulées, oubliées"], ["past or cancelled sign-up, forgotten", "past or cancelled sign-ups, forgotten"]),
    effect(
      created,
      ["formation créée par vous, qui reste sans votre nom", "formations créées par vous, qui restent sans votre nom"],
      ["training you created, which stays without your name", "trainings you created, which stay without your name"],
    ),
  ];
}

/** Trainings' share of a member's data: sign-ups, places in line, reminders sent, trainings created (staff). */
export const trainingsPersonalData: PersonalDataPart = {
  key: "trainings",
  describe({ language, retention }) {
    return language === "fr"
      ? md`**Formations** — vos inscriptions et vos places en liste d'attente (pour tenir les places dans l'ordre et vous prévenir en message privé), les rappels qui vous ont été envoyés (pour ne pas les envoyer deux fois), et votre nom sur les formations que vous avez créées (équipe du centre). Une session est effacée avec ses inscriptions ${retention.finishedTrainingsDays} jours après sa fin.`
      : md`**Trainings** — your sign-ups and waiting-list places (to keep seats in order and tell you privately), the reminders you were sent (so none goes twice), and your name on the trainings you created (centre staff). A session is deleted with its sign-ups ${retention.finishedTrainingsDays} days after it ended.`;
  },
  collect({ stores, userId, timeZone }) {
    const { registrations, trainings } = stores.trainings;
    const sessionRef = (sessionId: number): Record<string, unknown> => {
      const session = trainings.session(sessionId);
      return session === undefined ? { session: sessionId } : { session: sessionId, title: session.title, startsAt: isoTime(session.startsAt, session.timeZone), cancelled: session.cancelledAt !== null };
    };
    return {
      signUps: registrations.allOfUser(userId).map((registration) => ({
        ...sessionRef(registration.sessionId),
        status: registration.status,
        signedUpAt: isoTime(registration.signedUpAt, timeZone),
        ...(registration.status === "waiting" ? { waitingPosition: registrations.waitingPosition(registration) } : {}),
        ...(registration.offerExpiresAt === null ? {} : { confirmBefore: isoTime(registration.offerExpiresAt, timeZone) }),
      })),
      remindersSent: registrations.remindersOf(userId).map((reminder) => ({ ...sessionRef(reminder.sessionId), sentAt: isoTime(reminder.sentAt, timeZone) })),
      trainingsCreated: trainings.createdBy(userId).map((training) => ({ training: training.id, title: training.title, createdAt: isoTime(training.createdAt, timeZone) })),
    };
  },
  preview(scope) {
    const { registrations, trainings } = scope.stores.trainings;
    const upcoming = upcomingSignUps(scope).length;
    return effects(upcoming, registrations.allOfUser(scope.userId).length - upcoming, trainings.createdBy(scope.userId).length);
  },
  erase(scope) {
    const { stores, userId, now, messaging } = scope;
    const { registrations, trainings } = stores.trainings;
    const upcoming = upcomingSignUps(scope);
    // Withdrawn as if by `!formation annuler-inscription`: the next person waiting is promoted and told.
    for (const registration of upcoming) {
      const session = trainings.session(registration.sessionId);
      if (session !== undefined) withdraw(stores, session, userId, now, messaging);
    }
    const forgotten = registrations.eraseMember(userId);
    return effects(upcoming.length, forgotten - upcoming.length, trainings.forgetCreator(userId));
  },
  purge(stores, now, retention) {
    stores.trainings.trainings.purgeEndedBefore(now - retention.finishedTrainingsDays * DAY_MS);
  },
};
