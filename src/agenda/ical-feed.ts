import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalEvent, ICalEventStatus, type ICalCalendar } from "ical-generator";
import { DateTime } from "luxon";
import type { AgendaEvent, OccurrenceException } from "./model.ts";

/**
 * An agenda as an RFC 5545 feed for calendar apps (https://www.rfc-editor.org/rfc/rfc5545).
 *
 * ical-generator writes the calendar's header and each VEVENT (dates, escaping); luxon DateTimes
 * carry each event's zone, so no wall time is read from the process zone. This file assembles
 * them with the VTIMEZONEs and folds the lines itself: ical-generator 10.2's folding makes a
 * TextEncoder per character, three quarters of the render time. Where ical-generator falls
 * short of the RFC, the code says how it works around it.
 */
export interface FeedCalendar {
  name: string;
  description?: string;
  /** The calendar's default zone (X-WR-TIMEZONE); each event still carries its own. */
  timeZone: string;
  events: readonly AgendaEvent[];
  /** Link back to the room, e.g. https://matrix.to/#/!room:server */
  roomUrl?: (event: AgendaEvent) => string | undefined;
  /**
   * Who organises the event (its association), written as CATEGORIES (RFC 5545 §3.8.1.2), which
   * calendar apps show and filter by. Not ORGANIZER: that is a calendar user's address, and with
   * one, apps treat the event as a meeting invitation to answer.
   */
  organiser?: (event: AgendaEvent) => string | undefined;
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
    // No calendar zone: with one, ical-generator writes DTSTAMP, CREATED and LAST-MODIFIED as
    // local times without "Z", which RFC 5545 forbids (§3.8.7.2). X-WR-TIMEZONE is added below.
  });
  // The calendar itself holds no events: this is BEGIN:VCALENDAR and the calendar properties.
  const header = feed.toString().replace(/END:VCALENDAR$/u, "");
  const refresh = `PT${REFRESH_SECONDS / 3_600}H`;
  const stamp = new Date(now);
  const vevents = calendar.events.flatMap((event) => vevent(feed, calendar, event, stamp));
  // All-day dates carry no TZID, so only timed events need their zone's VTIMEZONE.
  const zones = new Set(calendar.events.filter((event) => !event.allDay).map(feedZone).filter((zone): zone is string => zone !== null));
  const text = [
    header,
    `X-WR-TIMEZONE:${escapeText(calendar.timeZone)}\r\n`,
    `REFRESH-INTERVAL;VALUE=DURATION:${refresh}\r\nX-PUBLISHED-TTL:${refresh}\r\n`,
    ...[...zones].map((zone) => vtimezoneFor(zone) ?? ""),
    ...vevents,
    "END:VCALENDAR\r\n",
  ].join("");
  return text.split("\r\n").map(fold).join("\r\n");
}

/** The event's VEVENT, then one per moved occurrence (same UID, with RECURRENCE-ID). */
function vevent(feed: ICalCalendar, calendar: FeedCalendar, event: AgendaEvent, stamp: Date): string[] {
  const zone = feedZone(event);
  const organiser = cleanText(calendar.organiser?.(event) ?? "").trim() || undefined;
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
    categories: organiser === undefined ? [] : [{ name: organiser }],
  };
  const master = new ICalEvent({ ...common, start: at(event.startsAt, event), end: at(event.endsAt, event) }, feed);
  if (event.rrule === null) return [master.toString()];
  master.repeating(recurrenceLines(event, zone));
  const overrides = event.exceptions.flatMap((exception) => {
    if (exception.cancelled || exception.startsAt === undefined) return [];
    const override = new ICalEvent(
      {
        ...common,
        start: at(exception.startsAt, event),
        end: at(exception.endsAt ?? exception.startsAt + (event.endsAt - event.startsAt), event),
        recurrenceId: at(exception.originalStart, event),
      },
      feed,
    ).toString();
    // ical-generator writes RECURRENCE-ID as a date-time even for an all-day event, but it must
    // have the DATE type of the series' DTSTART or clients don't find the occurrence it replaces.
    return [event.allDay ? override.replace(/^RECURRENCE-ID[;:].*$/mu, `RECURRENCE-ID;VALUE=DATE:${localDate(exception.originalStart, event)}`) : override];
  });
  return [master.toString(), ...overrides];
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
 * The stored RRULE and its EXDATE, handed to ical-generator as text, which it copies line by line
 * (the form rrule's RRuleSet.toString() gives). Its object form would mean parsing the rule into
 * options that lack parts such as BYWEEKNO or BYYEARDAY.
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
 * Content lines longer than 75 octets continue on lines starting with a space (RFC 5545 §3.1),
 * cut between characters, never inside one.
 */
function fold(line: string): string {
  if (line.length <= 25 || Buffer.byteLength(line) <= 75) return line;
  const parts: string[] = [];
  let from = 0;
  let octets = 0;
  let limit = 75;
  for (let index = 0; index < line.length; index += 1) {
    const code = line.codePointAt(index) ?? 0;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (octets + size > limit) {
      parts.push(line.slice(from, index));
      from = index;
      octets = 0;
      limit = 74; // the leading space counts
    }
    octets += size;
    if (code > 0xffff) index += 1;
  }
  parts.push(line.slice(from));
  return parts.join("\r\n ");
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
    component =
      found === null
        ? null
        : `${found.replace(/^TZURL:.*\r?\n/mu, "").replace(/^TZID:.*$/mu, `TZID:${zone}`).trim().replace(/\r?\n/gu, "\r\n")}\r\n`;
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
