/** Meeting polls as the rest of Minou sees them. Times are UTC instants (ms). */

export type PollKind = "question" | "dates";

export interface PollOption {
  /** 1-based, as members number the answers and the slots. */
  readonly position: number;
  /** The answer id in the native poll (MSC3381). */
  readonly answerId: string;
  readonly label: string;
  /** Date polls: the slot. */
  readonly startsAt: number | null;
  readonly endsAt: number | null;
  readonly allDay: boolean;
  /** Date polls: the slot's own message, which members react to. */
  readonly messageEventId: string | null;
}

export interface Poll {
  readonly id: number;
  readonly roomId: string;
  readonly number: number;
  readonly kind: PollKind;
  readonly question: string;
  /** Native polls: results visible while open ("fermé" makes them undisclosed). */
  readonly disclosed: boolean;
  /** Votes by direct message with a code; the room sees only counts. */
  readonly anonymous: boolean;
  readonly code: string | null;
  /** A native poll a member started in Element, which Minou only closes. */
  readonly external: boolean;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly deadline: number | null;
  readonly timeZone: string;
  /** The native poll's start event. */
  readonly startEventId: string | null;
  /** Minou's live summary message (date polls, anonymous polls). */
  readonly summaryEventId: string | null;
  readonly closedAt: number | null;
  readonly closedBy: string | null;
  readonly chosenPosition: number | null;
  readonly agendaEventId: number | null;
  readonly options: readonly PollOption[];
}

export type SlotAnswer = "yes" | "maybe" | "no";
