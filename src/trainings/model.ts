/** The centre's trainings as the rest of Minou sees them. Numbers are centre-wide. */

export interface TrainingSession {
  /** Also the session's number in commands (`!formation inscrire 5`). */
  readonly id: number;
  readonly trainingId: number;
  readonly title: string;
  readonly description: string | null;
  readonly uid: string;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly timeZone: string;
  readonly capacity: number;
  readonly location: string | null;
  /** Hours a promoted member has to confirm; null: promotion is final at once. */
  readonly confirmationHours: number | null;
  readonly cancelledAt: number | null;
  readonly sequence: number;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly announcementRoomId: string | null;
  readonly announcementEventId: string | null;
}

export type RegistrationStatus = "registered" | "waiting" | "offered" | "cancelled" | "expired";

export interface Registration {
  readonly id: number;
  readonly sessionId: number;
  readonly userId: string;
  readonly status: RegistrationStatus;
  /** First come, first served: the waiting list is in this order. */
  readonly signedUpAt: number;
  readonly offerExpiresAt: number | null;
  readonly reactionEventId: string | null;
}

export interface SessionCounts {
  readonly registered: number;
  /** Promoted, waiting for their confirmation: their seat is held. */
  readonly offered: number;
  readonly waiting: number;
  readonly placesLeft: number;
}
