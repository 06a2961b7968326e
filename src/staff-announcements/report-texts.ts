import type { Delivery, DeliveryCounts } from "../../storage/staff-announcements/deliveries-store.ts";
import { plainText, t } from "../i18n/catalog.ts";
import type { Language } from "../i18n/language.ts";
import { joinMarkdown, md, type Markdown } from "../render/markdown.ts";

/** Room names listed in one message: 300 short names fit, a registry of thousands stays under the event size limit. */
const NAMES_BUDGET = 8_000;
const MAX_FAILURE_LINES = 50;

/** "n°3", "#3". */
export function numbered(id: number, language: Language): string {
  return plainText(language, "announcements.number", { id: String(id) });
}

/** "A, B, C … et 12 autres", names escaped (associations choose them). */
export function nameList(names: readonly string[], language: Language): Markdown {
  const shown: string[] = [];
  let used = 0;
  for (const name of names) {
    if (used + name.length > NAMES_BUDGET) break;
    shown.push(name);
    used += name.length + 2;
  }
  const more = names.length - shown.length;
  const listed = md`${shown.join(", ")}`;
  return more === 0 ? listed : t(language, "announcements.namesAndMore", { names: listed, more });
}

/** Why a room did not get the announcement, in words the staff can act on. */
export function failureReason(delivery: Delivery, language: Language): string {
  switch (delivery.failureStatus) {
    case 403:
      return plainText(language, "announcements.failure.forbidden");
    case 404:
      return plainText(language, "announcements.failure.notFound");
    case 413:
      return plainText(language, "announcements.failure.tooLarge");
    case null:
      return plainText(language, "announcements.failure.noAnswer", { detail: delivery.failure ?? "?" });
    default:
      // The homeserver's own words: the staff can look them up.
      return delivery.failure ?? String(delivery.failureStatus);
  }
}

/** The staff room's progress line, edited in place while the broadcast goes on. */
export function progressText(id: number, counts: DeliveryCounts, finished: boolean, language: Language): Markdown {
  const number = numbered(id, language);
  if (counts.total === 0) return t(language, "announcements.progress.none", { number });
  const { delivered, failed, total } = counts;
  if (finished) return t(language, "announcements.progress.finished", { number, delivered, total, failed });
  return t(language, "announcements.progress.sending", { number, settled: delivered + failed, total, failed });
}

/** The final report: who got it, who did not and why, where it was pinned. */
export function reportText(id: number, deliveries: readonly Delivery[], language: Language): Markdown {
  const number = numbered(id, language);
  const delivered = deliveries.filter((delivery) => delivery.status === "delivered");
  const failed = deliveries.filter((delivery) => delivery.status === "failed");
  const lines: Markdown[] = [
    t(language, "announcements.report.title", { number }),
    t(language, "announcements.report.delivered", { delivered: delivered.length, total: deliveries.length }),
  ];
  const pinned = delivered.filter((delivery) => delivery.pin === "pinned");
  const refused = delivered.filter((delivery) => delivery.pin === "refused");
  const pinFailed = delivered.filter((delivery) => delivery.pin === "failed");
  if (pinned.length + refused.length + pinFailed.length > 0) {
    const names = (list: readonly Delivery[]): Markdown => nameList(list.map((delivery) => delivery.roomName), language);
    const parts: Markdown[] = [t(language, "announcements.report.pinned", { count: pinned.length })];
    if (refused.length > 0) parts.push(t(language, "announcements.report.pinRefused", { count: refused.length, rooms: names(refused) }));
    if (pinFailed.length > 0) parts.push(t(language, "announcements.report.pinFailed", { count: pinFailed.length, rooms: names(pinFailed) }));
    lines.push(joinMarkdown(parts, " "));
  }
  if (failed.length > 0) {
    const shown = failed.slice(0, MAX_FAILURE_LINES).map((delivery) => t(language, "announcements.report.failureLine", { room: delivery.roomName, reason: failureReason(delivery, language) }));
    const more = failed.length - shown.length;
    if (more > 0) shown.push(t(language, "announcements.report.moreFailures", { count: more }));
    lines.push(joinMarkdown([t(language, "announcements.report.notDelivered", { count: failed.length }), ...shown], "\n"));
  }
  if (delivered.length > 0) {
    lines.push(t(language, "announcements.report.receivedBy", { rooms: nameList(delivered.map((delivery) => delivery.roomName), language) }));
  }
  return joinMarkdown(lines, "\n\n");
}
