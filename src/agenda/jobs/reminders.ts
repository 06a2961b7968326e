import type { Stores } from "../../../storage/index.ts";
import type { ReminderOutcome } from "../../../storage/agenda/reminders-store.ts";
import { formatDuration } from "../../i18n/format-duration.ts";
import type { Language } from "../../i18n/language.ts";
import { notifyingContent } from "../../matrix/reply-content.ts";
import type { MemberNames } from "../../pipeline/room-state.ts";
import { txnIdFor } from "../../matrix/txn-id.ts";
import { t } from "../../i18n/catalog.ts";
import { joinMarkdown, userPill, type Markdown } from "../../render/markdown.ts";
import { renderMessage } from "../../render/render-message.ts";
import type { ScheduledJob } from "../../scheduler.ts";
import { JobItems } from "../../jobs/job-items.ts";
import type { Logger } from "../../log.ts";
import { fullWhen } from "../format.ts";
import { zoneLabel } from "../parse-when.ts";
import type { AgendaEvent, Occurrence } from "../model.ts";
import { occurrencesBetween } from "../occurrences.ts";
import { reminderOffsetsSetting } from "../settings.ts";

const MINUTE = 60_000;
/** A reminder found within this delay of its time is on time (the tick runs every 30 s). */
const ON_TIME_MS = 2 * MINUTE;

export interface ReminderSettings {
  readonly defaultOffsetsMinutes: readonly number[];
  readonly graceMinutes: number;
  readonly defaultLanguage: Language;
}

/**
 * Reminds each occurrence `offset` minutes before it, in the room, notifying those who answered
 * ✅ or ❓ (named in the text and in m.mentions). A reminder is claimed in the transaction that queues it: sent once, even across a
 * crash. Missed by less than the grace period (Minou was down), it goes out late and says so;
 * older, or due before the event was created or moved, it is skipped.
 */
export function remindersJob(stores: Stores, settings: ReminderSettings, names: MemberNames, afterQueued: () => void, log: Logger): ScheduledJob {
  const items = new JobItems("agenda-reminders", stores, log);
  return {
    name: "agenda-reminders",
    run(now) {
      let queued = false;
      for (const event of stores.agenda.events.active()) {
        const context = { eventId: event.id, roomId: event.roomId, number: event.number };
        queued = items.attempt(`event ${event.id}`, context, () => remindEvent(stores, settings, names, event, now)) === true || queued;
      }
      if (queued) afterQueued();
    },
  };
}

/** The reminders of one event that are due; true if any was queued. */
function remindEvent(stores: Stores, settings: ReminderSettings, names: MemberNames, event: AgendaEvent, now: number): boolean {
  const offsets = stores.roomSettings.get(event.roomId, reminderOffsetsSetting) ?? settings.defaultOffsetsMinutes;
  if (offsets.length === 0) return false;
  const horizon = now + Math.max(...offsets) * MINUTE + 1;
  const timingChangedAt = stores.agenda.events.timingChangedAt(event.id);
  let queued = false;
  for (const occurrence of occurrencesBetween(event, now - settings.graceMinutes * MINUTE, horizon)) {
    if (occurrence.cancelled) continue;
    for (const offset of offsets) {
      const dueAt = occurrence.startsAt - offset * MINUTE;
      if (dueAt > now) continue;
      queued = remindOnce(stores, settings, names, event, occurrence, offset, dueAt, timingChangedAt, now) || queued;
    }
  }
  return queued;
}

function remindOnce(
  stores: Stores,
  settings: ReminderSettings,
  names: MemberNames,
  event: AgendaEvent,
  occurrence: Occurrence,
  offset: number,
  dueAt: number,
  timingChangedAt: number,
  now: number,
): boolean {
  const late = now - dueAt;
  const outcome: ReminderOutcome =
    dueAt < timingChangedAt || late > settings.graceMinutes * MINUTE || occurrence.startsAt <= now
      ? "skipped"
      : late > ON_TIME_MS
        ? "late"
        : "sent";
  return stores.transaction(() => {
    // Keyed by the actual start: moving an occurrence gives it fresh reminders.
    if (!stores.agenda.reminders.claim(event.id, occurrence.startsAt, offset, dueAt, outcome, now)) return false;
    if (outcome === "skipped") return false;
    const language = stores.rooms.get(event.roomId)?.language ?? settings.defaultLanguage;
    const attendees = stores.agenda.answers
      .answers(event.id)
      .filter((answer) => answer.answer !== "no")
      .map((answer) => answer.userId);
    const pills = attendees.map((userId) => userPill(userId, names.displayName(event.roomId, userId)));
    const text = reminderText(event, occurrence, offset, outcome === "late", pills, language);
    stores.outbox.enqueue(
      {
        txnId: txnIdFor(`agenda-reminder:${event.id}:${occurrence.startsAt}:${offset}`),
        roomId: event.roomId,
        eventType: "m.room.message",
        content: notifyingContent(renderMessage(text), { users: attendees }),
        context: `reminder of agenda event ${event.number} (${event.title})`,
      },
      now,
    );
    return true;
  });
}

function reminderText(event: AgendaEvent, occurrence: Occurrence, offset: number, late: boolean, attendees: readonly Markdown[], language: Language): Markdown {
  const values = {
    title: event.title,
    inHowLong: formatDuration(offset * MINUTE, language),
    when: fullWhen(occurrence.startsAt, occurrence.endsAt, event.allDay, event.timeZone, language),
    zone: zoneLabel(event.timeZone, language),
  };
  const lines: Markdown[] = [
    event.location === null ? t(language, "agenda.reminder.text", values) : t(language, "agenda.reminder.textWithPlace", { ...values, place: event.location }),
  ];
  if (attendees.length > 0) lines.push(t(language, "agenda.reminder.attendees", { attendees: joinMarkdown(attendees, ", ") }));
  if (late) lines.push(t(language, "agenda.reminder.late"));
  return joinMarkdown(lines, "\n");
}
