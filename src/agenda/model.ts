/**
 * The agenda's records as the rest of Minou sees them. Times are UTC instants (ms since the
 * epoch) plus the IANA zone the event was entered in; luxon does all local-time arithmetic.
 */

/** A change to one occurrence of a recurring event (iCalendar RECURRENCE-ID / EXDATE). */
export interface OccurrenceException {
  /** The occurrence's original start (UTC ms): its RECURRENCE-ID. */
  readonly originalStart: number;
  readonly cancelled: boolean;
  /** When moved: the new start and end (UTC ms). */
  readonly startsAt?: number;
  readonly endsAt?: number;
}

export type AgendaEventStatus = "confirmed" | "cancelled";

export interface AgendaEvent {
  readonly id: number;
  readonly roomId: string;
  /** The short number members use in that room (`!agenda voir 3`). */
  readonly number: number;
  /** Stable iCalendar UID. */
  readonly uid: string;
  readonly title: string;
  readonly location: string | null;
  readonly description: string | null;
  /** First occurrence (UTC ms). For an all-day event: local midnight of its first day in `timeZone`. */
  readonly startsAt: number;
  /** End of the first occurrence (UTC ms, exclusive). All-day: local midnight after its last day. */
  readonly endsAt: number;
  readonly allDay: boolean;
  readonly timeZone: string;
  /** RFC 5545 RRULE value without DTSTART, e.g. "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T215959Z". */
  readonly rrule: string | null;
  readonly exceptions: readonly OccurrenceException[];
  readonly status: AgendaEventStatus;
  /** Shown in the centre-wide public feed and page. */
  readonly isPublic: boolean;
  /** iCalendar SEQUENCE: incremented on each change members would notice. */
  readonly sequence: number;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** One concrete occurrence of an event (the event itself when it does not repeat). */
export interface Occurrence {
  readonly event: AgendaEvent;
  /** The occurrence's original start (UTC ms): its identity, even when moved. */
  readonly originalStart: number;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly cancelled: boolean;
}
