import type { Stores } from "../../storage/index.ts";
import type { Language } from "../i18n/language.ts";
import type { JobItems } from "../jobs/job-items.ts";
import { sendDirect } from "../pipeline/direct-message.ts";
import type { Registration, TrainingSession } from "./model.ts";
import { dm } from "./texts.ts";

const HOUR = 3_600_000;

/** Who to write to, in which language and with which prefix (direct messages). */
export interface Messaging {
  readonly language: Language;
  readonly prefix: string;
}

export type SignUpResult =
  | { readonly kind: "registered"; readonly registration: Registration }
  | { readonly kind: "waiting"; readonly registration: Registration; readonly position: number }
  | { readonly kind: "already"; readonly registration: Registration; readonly position: number }
  | { readonly kind: "unavailable"; readonly reason: "cancelled" | "started" };

/**
 * Signs a member up: a seat while there is one, else the waiting list. Runs inside the caller's
 * (IMMEDIATE) transaction, so two sign-ups for the last seat can never both get it.
 */
export function signUp(stores: Stores, session: TrainingSession, userId: string, now: number, reactionEventId: string | null = null): SignUpResult {
  const { registrations, trainings } = stores.trainings;
  if (session.cancelledAt !== null) return { kind: "unavailable", reason: "cancelled" };
  if (session.startsAt <= now) return { kind: "unavailable", reason: "started" };
  const existing = registrations.of(session.id, userId);
  if (existing !== undefined && (existing.status === "registered" || existing.status === "offered" || existing.status === "waiting")) {
    return { kind: "already", registration: existing, position: existing.status === "waiting" ? registrations.waitingPosition(existing) : 0 };
  }
  const status = trainings.counts(session).placesLeft > 0 ? "registered" : "waiting";
  const registration = registrations.signUp(session.id, userId, status, reactionEventId, now);
  trainings.touch(session.id, now);
  return status === "registered" ? { kind: "registered", registration } : { kind: "waiting", registration, position: registrations.waitingPosition(registration) };
}

/** Gives free seats to the first people waiting, in order, and tells each of them by direct message. */
export function promoteWaiting(stores: Stores, session: TrainingSession, now: number, messaging: Messaging): Registration[] {
  const { registrations, trainings } = stores.trainings;
  const promoted: Registration[] = [];
  if (session.cancelledAt !== null || session.startsAt <= now) return promoted;
  while (trainings.counts(session).placesLeft > 0) {
    const next = registrations.firstWaiting(session.id);
    if (next === undefined) break;
    if (session.confirmationHours === null) registrations.setStatus(next.id, "registered", now);
    else registrations.setStatus(next.id, "offered", now, now + session.confirmationHours * HOUR);
    sendDirect(stores, next.userId, dm.promoted(session, messaging.language, messaging.prefix), `training-promotion:${next.id}:${now}`, now);
    promoted.push(next);
  }
  if (promoted.length > 0) trainings.touch(session.id, now);
  return promoted;
}

export type WithdrawResult = { readonly kind: "withdrawn"; readonly was: Registration["status"]; readonly promoted: readonly Registration[] } | { readonly kind: "notRegistered" };

/** Cancels a member's sign-up (or place in line); a freed seat goes to the next person waiting. */
export function withdraw(stores: Stores, session: TrainingSession, userId: string, now: number, messaging: Messaging): WithdrawResult {
  const { registrations, trainings } = stores.trainings;
  const existing = registrations.of(session.id, userId);
  if (existing === undefined || !(existing.status === "registered" || existing.status === "offered" || existing.status === "waiting")) return { kind: "notRegistered" };
  registrations.setStatus(existing.id, "cancelled", now);
  trainings.touch(session.id, now);
  const promoted = existing.status === "waiting" ? [] : promoteWaiting(stores, session, now, messaging);
  return { kind: "withdrawn", was: existing.status, promoted };
}

/** Promotions not confirmed in time pass to the next person; one that fails waits for the next run. */
export function expireOffers(stores: Stores, now: number, messaging: Messaging, items: JobItems): number {
  const { registrations, trainings } = stores.trainings;
  let expired = 0;
  for (const offer of registrations.expiredOffers(now)) {
    const session = trainings.session(offer.sessionId);
    if (session === undefined) continue;
    const done = items.attempt(`offer ${offer.id}`, { session: session.id, registration: offer.id, userId: offer.userId }, () => {
      registrations.setStatus(offer.id, "expired", now);
      sendDirect(stores, offer.userId, dm.offerExpired(session, messaging.language, messaging.prefix), `training-offer-expired:${offer.id}:${now}`, now);
      trainings.touch(session.id, now);
      promoteWaiting(stores, session, now, messaging);
      return true;
    });
    if (done === true) expired += 1;
  }
  return expired;
}
