import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalEventStatus, type ICalCalendar, type ICalEvent } from "ical-generator";
import { DateTime } from "luxon";
import type { AgendaEvent, OccurrenceException } from "./model.ts";

/**
 * An agenda as an RFC 5545 feed for calendar apps (https://www.rfc-editor.org/rfc/rfc5545).
 *
 * ical-generator writes the lines, escapes text and folds; luxon DateTimes carry each event's zone
 * so no wall time is ever read from the process zone. Where ical-generator 10.2 falls short of the
 * RFC, this file works around it (each place says why).
 */
export interface FeedCalendar {
  name: string;
  description?: string;
  /** The calendar's default zone (X-WR-TIMEZONE); each event still carries its own. */
  timeZone: string;
  events: readonly AgendaEvent[];
  /** Link back to the room, e.g. https://matrix.to/#/!room:server */
  roomUrl?: (event: AgendaEvent) => string | undefined;
  /** Extra text per event appended to DESCRIPTION (e.g. places left). */
  extraDescription?: (event: AgendaEvent) => string | undefined;
  /** PRODID value without its leading "-", e.g. "//Centre//Minou//FR". */
  productId?: string;
}

const DEFAULT_PRODUCT_ID = "//fr.chatons.minou//Minou agenda//FR";
/** How often subscribers should poll (REFRESH-INTERVAL / X-PUBLISHED-TTL): whole hours. */
const REFRESH_SECONDS = 3_600;
/** An RRULE value as the store writes it; anything else (a line break above all) must not reach the feed. */
const RRULE_VALUE = /^FREQ=[A-Z]+(?:;[A-Z-]+=[A-Z0-9,+-]+)*$/iu;
/** TEXT values may not hold control characters other than the line breaks escaped as \n (RFC 5545 §3.3.11). */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/gu;

export function renderFeed(calendar: FeedCalendar, now: number): string {
  const feed = ical({
    prodId: calendar.productId ?? DEFAULT_PRODUCT_ID,
    // ical-generator writes NAME, X-WR-CALNAME and X-WR-CALDESC without escaping them.
    name: escapeText(calendar.name),
    ...(calendar.description === undefined ? {} : { description: escapeText(calendar.description) }),
    // A named calendar zone would make ical-generator write DTSTAMP, CREATED and LAST-MODIFIED as
    // local times without "Z", which RFC 5545 forbids (§3.8.7.2): keep the name null, keep the
    // generator so that each event's TZID gets its VTIMEZONE, and add X-WR-TIMEZONE below.
    timezone: { name: null, generator: vtimezoneFor },
  });
  const stamp = new Date(now);
  for (const event of calendar.events) addEvent(feed, calendar, event, stamp);
  // The RFC ends every line with CRLF, the last one too; ical-generator leaves it off.
  return `${withCalendarProperties(feed.toString(), calendar.timeZone)}\r\n`;
}

function addEvent(feed: ICalCalendar, calendar: FeedCalendar, event: AgendaEvent, stamp: Date): void {
  const zone = feedZone(event);
  const description = [event.description, calendar.extraDescription?.(event)]
    .filter((text): text is string => text !== null && text !== undefined && text.trim() !== "")
    .join("\n\n");
  const common = {
    id: event.uid,
    sequence: event.sequence,
    stamp,
    created: new Date(event.createdAt),
    lastModified: new Date(event.updatedAt),
    summary: cleanText(event.title),
    allDay: event.allDay,
    // All-day dates are written from the DateTime's own zone; only timed values take a TZID.
    timezone: event.allDay ? null : zone,
    status: event.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    location: event.location === null ? null : cleanText(event.location),
    description: description === "" ? null : cleanText(description),
    url: calendar.roomUrl?.(event) ?? null,
  };
  const master = feed.createEvent({ ...common, start: at(event.startsAt, event), end: at(event.endsAt, event) });
  if (event.rrule === null) return;
  master.repeating(recurrenceLines(event, zone));
  for (const exception of event.exceptions) {
    if (exception.cancelled || exception.startsAt === undefined) continue;
    const override = feed.createEvent({
      ...common,
      start: at(exception.startsAt, event),
      end: at(exception.endsAt ?? exception.startsAt + (event.endsAt - event.startsAt), event),
      recurrenceId: at(exception.originalStart, event),
    });
    if (event.allDay) writeRecurrenceIdAsDate(override, localDate(exception.originalStart, event));
  }
}

/**
 * The zone DTSTART is written in. Without a VTIMEZONE a TZID is invalid, so a zone missing from
 * @touch4it/ical-timezones (or UTC itself) falls back to UTC instants: right times, but a weekly
 * event in such a zone would drift by an hour across its DST changes.
 */
function feedZone(event: AgendaEvent): string | null {
  return vtimezoneFor(event.timeZone) === null ? null : event.timeZone;
}

function at(instant: number, event: AgendaEvent): DateTime {
  const value = DateTime.fromMillis(instant, { zone: event.timeZone });
  if (!value.isValid) throw new Error(`Event ${event.uid}: invalid time or zone ${event.timeZone}`);
  return value;
}

/**
 * The RRULE with its EXDATE, passed to ical-generator as text: it copies multi-line recurrence
 * text as is (the form rrule's RRuleSet.toString() gives), whereas its own EXDATE writer would
 * format all-day exclusions in the calendar's zone, which we leave null.
 */
function recurrenceLines(event: AgendaEvent, zone: string | null): string {
  const rule = event.rrule ?? "";
  if (!RRULE_VALUE.test(rule)) throw new Error(`Event ${event.uid}: malformed RRULE ${JSON.stringify(rule)}`);
  const lines = [`RRULE:${event.allDay ? untilAsDate(rule, event) : rule}`];
  const excluded = event.exceptions.filter((exception) => exception.cancelled);
  if (excluded.length > 0) lines.push(exdateLine(event, zone, excluded));
  return lines.join("\n");
}

function exdateLine(event: AgendaEvent, zone: string | null, excluded: readonly OccurrenceException[]): string {
  if (event.allDay) return `EXDATE;VALUE=DATE:${excluded.map((exception) => localDate(exception.originalStart, event)).join(",")}`;
  if (zone === null) {
    return `EXDATE:${excluded.map((exception) => DateTime.fromMillis(exception.originalStart, { zone: "utc" }).toFormat("yyyyLLdd'T'HHmmss'Z'")).join(",")}`;
  }
  const values = excluded.map((exception) => at(exception.originalStart, event).toFormat("yyyyLLdd'T'HHmmss"));
  return `EXDATE;TZID=${zone}:${values.join(",")}`;
}

/** UNTIL must have DTSTART's value type (RFC 5545 §3.3.10): a DATE when the event is all-day. */
function untilAsDate(rule: string, event: AgendaEvent): string {
  return rule.replace(/UNTIL=(\d{8}T\d{6}Z)/u, (_whole, until: string) => {
    const instant = DateTime.fromFormat(until, "yyyyLLdd'T'HHmmss'Z'", { zone: "utc" });
    return `UNTIL=${instant.setZone(event.timeZone).toFormat("yyyyLLdd")}`;
  });
}

function localDate(instant: number, event: AgendaEvent): string {
  return at(instant, event).toFormat("yyyyLLdd");
}

/**
 * ical-generator writes RECURRENCE-ID as a date-time even for an all-day event, but it must match
 * the DATE type of the series' DTSTART or clients don't find the occurrence it replaces.
 */
function writeRecurrenceIdAsDate(override: ICalEvent, date: string): void {
  const render = override.toString.bind(override);
  override.toString = () => render().replace(/^RECURRENCE-ID[;:].*$/mu, `RECURRENCE-ID;VALUE=DATE:${date}`);
}

/**
 * Calendar properties must precede the components (RFC 5545 §3.4), but ical-generator writes its
 * `ttl` after the VTIMEZONEs; and X-WR-TIMEZONE can't go through it at all (see renderFeed).
 */
function withCalendarProperties(feed: string, timeZone: string): string {
  const refresh = `PT${REFRESH_SECONDS / 3_600}H`;
  const lines = `X-WR-TIMEZONE:${escapeText(timeZone)}\r\nREFRESH-INTERVAL;VALUE=DURATION:${refresh}\r\nX-PUBLISHED-TTL:${refresh}\r\n`;
  const firstComponent = feed.search(/\r\n(?:BEGIN:|END:VCALENDAR)/u) + 2;
  return feed.slice(0, firstComponent) + lines + feed.slice(firstComponent);
}

const vtimezones = new Map<string, string | null>();

/**
 * VTIMEZONE text from @touch4it/ical-timezones, read once per zone. Its TZURL points at
 * tzurl.org: dropped, so that no calendar app is sent to a third party on our behalf. Its data
 * predates some renames (Europe/Kyiv is still Europe/Kiev there): ICU's name for the zone is
 * tried next, under the TZID the event uses.
 */
function vtimezoneFor(zone: string): string | null {
  let component = vtimezones.get(zone);
  if (component === undefined) {
    const found = zone === "UTC" || zone === "Etc/UTC" ? null : (getVtimezoneComponent(zone) ?? getVtimezoneComponent(icuName(zone)));
    component = found === null ? null : found.replace(/^TZURL:.*\r?\n/mu, "").replace(/^TZID:.*$/mu, `TZID:${zone}`);
    vtimezones.set(zone, component);
  }
  return component;
}

function icuName(zone: string): string {
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
}

function cleanText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, "");
}

/** RFC 5545 §3.3.11 TEXT escaping, for the values ical-generator leaves as they are. */
function escapeText(text: string): string {
  return cleanText(text)
    .replace(/[\\;,]/gu, (character) => `\\${character}`)
    .replace(/\r\n|\r|\n/gu, "\\n");
}
