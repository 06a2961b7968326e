import { t } from "../i18n/catalog.ts";
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
  return [effect(upcoming, "privacy.trainings.upcomingCancelled"), effect(past, "privacy.trainings.pastForgotten"), effect(created, "privacy.trainings.trainingsKept")];
}

/** Trainings' share of a member's data: sign-ups, places in line, reminders sent, trainings created (staff). */
export const trainingsPersonalData: PersonalDataPart = {
  key: "trainings",
  describe({ language, retention }) {
    return t(language, "privacy.trainings.describe", { days: retention.finishedTrainingsDays });
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
