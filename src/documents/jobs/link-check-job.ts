import type { Stores } from "../../../storage/index.ts";
import type { LinkProblem } from "../../../storage/documents/link-checks-store.ts";
import type { Language } from "../../i18n/language.ts";
import type { Logger } from "../../log.ts";
import { noticeContent } from "../../matrix/reply-content.ts";
import { txnIdFor } from "../../matrix/txn-id.ts";
import { t } from "../../i18n/catalog.ts";
import { joinMarkdown, link, md, type Markdown } from "../../render/markdown.ts";
import { renderMessage } from "../../render/render-message.ts";
import type { ScheduledJob } from "../../scheduler.ts";
import { JobItems } from "../../jobs/job-items.ts";
import { LIST_BUDGET_BYTES } from "../document-list.ts";
import { documentsUsage, numberLabel } from "../document-texts.ts";
import { checkLinks } from "../link-check.ts";
import { judgeLink, linkProblemText } from "../link-health.ts";
import type { RoomDocument } from "../model.ts";

export interface LinkCheckSettings {
  readonly enabled: boolean;
  readonly intervalDays: number;
  readonly timeoutSeconds: number;
  /** Private or loopback addresses the checker may contact all the same (none in production). */
  readonly allowedAddresses: readonly string[];
  readonly defaultLanguage: Language;
  readonly prefix: string;
}

export type LinkChecker = typeof checkLinks;

const DAY = 86_400_000;
/** A failure that may pass (a timeout, a 503) is checked again this much later before being reported. */
export const RETRY_AFTER_MS = 3_600_000;
// The scheduler runs its jobs one after the other: a batch of at most 20 links, 10 at a time,
// holds the next tick back by two timeouts at worst, and reminders have a grace period for that.
export const LINKS_PER_TICK = 20;
const CONCURRENCY = 10;
const MAX_REDIRECTS = 5;

interface Broken {
  readonly document: RoomDocument;
  readonly problem: LinkProblem;
}

/**
 * Checks each document's link every `intervalDays` (the first time that long after it was
 * added) and tells the room about broken ones, once per broken spell. The state is in the
 * database: a tick run twice, or after a crash, reports nothing twice.
 */
export function linkCheckJob(stores: Stores, settings: LinkCheckSettings, afterQueued: () => void, log: Logger, check: LinkChecker = checkLinks): ScheduledJob {
  const items = new JobItems("documents-link-check", stores, log);
  return {
    name: "documents-link-check",
    async run(now) {
      if (!settings.enabled) return;
      const due = stores.documents.linkChecks.due(now, settings.intervalDays * DAY, LINKS_PER_TICK);
      if (due.length === 0) return;
      const statuses = await check(
        due.map((document) => document.url),
        { timeoutMs: settings.timeoutSeconds * 1000, maxRedirects: MAX_REDIRECTS, allowedPrivate: settings.allowedAddresses, concurrency: CONCURRENCY },
      );
      const queued = stores.transaction(() => {
        let reported = false;
        for (const [roomId, documents] of recordResults(stores, due, statuses, now)) {
          // A report that fails leaves its links unreported: the room hears of them on a later check.
          const report = (): boolean => {
            for (const { document } of documents) stores.documents.linkChecks.markReported(document.id, now);
            queueReport(stores, roomId, documents, settings, now);
            return true;
          };
          reported = items.attempt(`room ${roomId}`, { roomId, documents: documents.map(({ document }) => document.id) }, report) === true || reported;
        }
        return reported;
      });
      log.debug("links checked", { checked: due.length, reportedRooms: queued });
      if (queued) afterQueued();
    },
  };
}

/** Records each result; returns, by room, the links to report now (marked reported with their report). */
function recordResults(stores: Stores, due: readonly RoomDocument[], statuses: ReadonlyMap<string, Parameters<typeof judgeLink>[0]>, now: number): Map<string, Broken[]> {
  const { documents, linkChecks } = stores.documents;
  const toReport = new Map<string, Broken[]>();
  for (const checked of due) {
    // Removed, or given a new link, while the check ran: its result is about nothing current.
    const document = documents.get(checked.id);
    const status = statuses.get(checked.url);
    if (document === undefined || document.url !== checked.url || status === undefined) continue;
    const verdict = judgeLink(status);
    if (verdict.working) {
      linkChecks.recordWorking(document.id, now);
      continue;
    }
    const record = linkChecks.recordFailure(document.id, verdict.problem, verdict.lasting ? null : now + RETRY_AFTER_MS, now);
    if (record.reported || (!verdict.lasting && record.failures < 2)) continue;
    toReport.set(document.roomId, [...(toReport.get(document.roomId) ?? []), { document, problem: verdict.problem }]);
  }
  return toReport;
}

function queueReport(stores: Stores, roomId: string, broken: readonly Broken[], settings: LinkCheckSettings, now: number): void {
  const language = stores.rooms.get(roomId)?.language ?? settings.defaultLanguage;
  const lines = broken.map(({ document, problem }) => md`- **${numberLabel(document.number, language)}** · ${link(document.title, document.url)} — ${linkProblemText(problem, language)}`);
  const intro = t(language, "documents.linkReport.intro");
  const outro = t(language, "documents.linkReport.outro", {
    edit: documentsUsage(language, settings.prefix, "documents.usage.edit"),
    remove: documentsUsage(language, settings.prefix, "documents.usage.remove"),
  });
  // Twenty 2,000-character links would not fit in one event: long reports come in parts.
  const parts: Markdown[][] = [[]];
  let used = 0;
  for (const line of lines) {
    const size = Buffer.byteLength(line.source);
    if (used + size > LIST_BUDGET_BYTES && (parts.at(-1)?.length ?? 0) > 0) {
      parts.push([]);
      used = 0;
    }
    parts.at(-1)?.push(line);
    used += size;
  }
  parts.forEach((part, index) => {
    const blocks = [...(index === 0 ? [intro] : []), joinMarkdown(part, "\n"), ...(index === parts.length - 1 ? [outro] : [])];
    stores.outbox.enqueue(
      {
        txnId: txnIdFor(`documents-link-report:${roomId}:${now}`, index),
        roomId,
        eventType: "m.room.message",
        content: noticeContent(renderMessage(joinMarkdown(blocks, "\n\n"))),
        context: `dead-link report, links: ${broken.length}`,
      },
      now,
    );
  });
}
