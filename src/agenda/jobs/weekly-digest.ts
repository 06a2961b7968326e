import { DateTime } from "luxon";
import type { Stores } from "../../../storage/index.ts";
import type { Language } from "../../i18n/language.ts";
import { noticeContent } from "../../matrix/reply-content.ts";
import { txnIdFor } from "../../matrix/txn-id.ts";
import { t } from "../../i18n/catalog.ts";
import { joinMarkdown } from "../../render/markdown.ts";
import { renderMessage } from "../../render/render-message.ts";
import type { ScheduledJob } from "../../scheduler.ts";
import { JobItems } from "../../jobs/job-items.ts";
import type { Logger } from "../../log.ts";
import { shortWhen } from "../format.ts";
import { occurrencesBetween } from "../occurrences.ts";
import { weeklyDigestSetting } from "../settings.ts";

/** Monday from 9:00 (room time) until noon: a digest missed by a longer outage waits a week. */
const SEND_FROM_HOUR = 9;
const SEND_UNTIL_HOUR = 12;

/** "Cette semaine à l'association…": each Monday morning, the week's events, in rooms that asked. */
export function weeklyDigestJob(stores: Stores, defaults: { language: Language; timeZone: string }, afterQueued: () => void, log: Logger): ScheduledJob {
  const items = new JobItems("agenda-weekly-digest", stores, log);
  return {
    name: "agenda-weekly-digest",
    run(now) {
      let queued = false;
      for (const room of stores.rooms.withMembership("join")) {
        if (!stores.roomSettings.get(room.roomId, weeklyDigestSetting)) continue;
        const zone = room.timeZone ?? defaults.timeZone;
        const local = DateTime.fromMillis(now, { zone });
        const weekStart = local.startOf("week");
        if (local.weekday !== 1 || local.hour < SEND_FROM_HOUR || local.hour >= SEND_UNTIL_HOUR) continue;
        const weekEnd = weekStart.plus({ weeks: 1 });
        const language = room.language ?? defaults.language;
        const sent = items.attempt(`room ${room.roomId}`, { roomId: room.roomId, week: weekStart.toISODate() }, () => {
          if (!stores.agenda.digests.claim(room.roomId, weekStart.toMillis(), now)) return false;
          const occurrences = stores.agenda.events
            .inRoom(room.roomId)
            .flatMap((event) => occurrencesBetween(event, weekStart.toMillis(), weekEnd.toMillis()))
            .filter((occurrence) => !occurrence.cancelled)
            .sort((a, b) => a.startsAt - b.startsAt);
          if (occurrences.length === 0) return false;
          const lines = occurrences.map(({ event, startsAt, endsAt }) => {
            const when = shortWhen(startsAt, endsAt, event.allDay, event.timeZone, language);
            return event.location === null
              ? t(language, "agenda.digest.line", { when, title: event.title })
              : t(language, "agenda.digest.lineWithPlace", { when, title: event.title, place: event.location });
          });
          const title = t(language, "agenda.digest.title");
          stores.outbox.enqueue(
            {
              txnId: txnIdFor(`agenda-digest:${room.roomId}:${weekStart.toMillis()}`),
              roomId: room.roomId,
              eventType: "m.room.message",
              content: noticeContent(renderMessage(joinMarkdown([title, ...lines], "\n"))),
              context: "weekly agenda digest",
            },
            now,
          );
          return true;
        });
        queued = sent === true || queued;
      }
      if (queued) afterQueued();
    },
  };
}
