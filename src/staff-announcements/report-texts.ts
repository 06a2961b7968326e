import type { Delivery, DeliveryCounts } from "../../storage/staff-announcements/deliveries-store.ts";
import type { Language } from "../i18n/language.ts";
import { joinMarkdown, md, type Markdown } from "../render/markdown.ts";

/** Room names listed in one message: 300 short names fit, a registry of thousands stays under the event size limit. */
const NAMES_BUDGET = 8_000;
const MAX_FAILURE_LINES = 50;

export function numbered(id: number, language: Language): string {
  return language === "fr" ? `n°${id}` : `#${id}`;
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
  const tail = more === 0 ? "" : language === "fr" ? ` … et ${more} autres` : ` … and ${more} more`;
  return md`${shown.join(", ")}${tail}`;
}

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/** Why a room did not get the announcement, in words the staff can act on. */
export function failureReason(delivery: Delivery, language: Language): string {
  const fr = language === "fr";
  switch (delivery.failureStatus) {
    case 403:
      return fr ? "je ne suis plus dans ce salon, ou je n'ai pas le droit d'y écrire (403)" : "I am no longer in this room, or may not post there (403)";
    case 404:
      return fr ? "salon introuvable (404)" : "room not found (404)";
    case 413:
      return fr ? "message trop long pour le serveur (413)" : "message too large for the server (413)";
    case null:
      return fr ? `le serveur n'a pas répondu malgré plusieurs essais (${delivery.failure ?? "?"})` : `the server did not answer despite several attempts (${delivery.failure ?? "?"})`;
    default:
      return delivery.failure ?? String(delivery.failureStatus);
  }
}

/** The staff room's progress line, edited in place while the broadcast goes on. */
export function progressText(id: number, counts: DeliveryCounts, finished: boolean, language: Language): Markdown {
  const fr = language === "fr";
  const settled = counts.delivered + counts.failed;
  const failures = counts.failed === 0 ? "" : fr ? ` · ${plural(counts.failed, "échec", "échecs")}` : ` · ${plural(counts.failed, "failure", "failures")}`;
  if (counts.total === 0) return fr ? md`📣 Annonce ${numbered(id, language)} : aucun salon visé, rien n'a été envoyé.` : md`📣 Announcement ${numbered(id, language)}: no room to send to, nothing was sent.`;
  if (finished) {
    return fr
      ? md`📣 Annonce ${numbered(id, language)} — envoi terminé : ${counts.delivered}/${counts.total} salons${failures} (rapport ci-dessous).`
      : md`📣 Announcement ${numbered(id, language)} — sending finished: ${counts.delivered}/${counts.total} rooms${failures} (report below).`;
  }
  return fr
    ? md`📣 Annonce ${numbered(id, language)} — envoi : ${settled}/${counts.total} salons${failures}`
    : md`📣 Announcement ${numbered(id, language)} — sending: ${settled}/${counts.total} rooms${failures}`;
}

/** The final report: who got it, who did not and why, where it was pinned. */
export function reportText(id: number, deliveries: readonly Delivery[], language: Language): Markdown {
  const fr = language === "fr";
  const delivered = deliveries.filter((delivery) => delivery.status === "delivered");
  const failed = deliveries.filter((delivery) => delivery.status === "failed");
  const lines: Markdown[] = [
    fr ? md`**📣 Annonce ${numbered(id, language)} — rapport d'envoi**` : md`**📣 Announcement ${numbered(id, language)} — delivery report**`,
    fr ? md`Reçue dans **${delivered.length}** ${delivered.length === 1 ? "salon" : "salons"} sur ${deliveries.length}.` : md`Delivered to **${delivered.length}** ${delivered.length === 1 ? "room" : "rooms"} out of ${deliveries.length}.`,
  ];
  const pinned = delivered.filter((delivery) => delivery.pin === "pinned");
  const refused = delivered.filter((delivery) => delivery.pin === "refused");
  const pinFailed = delivered.filter((delivery) => delivery.pin === "failed");
  if (pinned.length + refused.length + pinFailed.length > 0) {
    const names = (list: readonly Delivery[]): Markdown => nameList(list.map((delivery) => delivery.roomName), language);
    const parts: Markdown[] = [fr ? md`Épinglée dans ${plural(pinned.length, "salon", "salons")}.` : md`Pinned in ${plural(pinned.length, "room", "rooms")}.`];
    if (refused.length > 0) parts.push(fr ? md`Pas épinglée, faute du droit d'épingler, dans ${refused.length} : ${names(refused)}.` : md`Not pinned, for lack of the power to pin, in ${refused.length}: ${names(refused)}.`);
    if (pinFailed.length > 0) parts.push(fr ? md`Épinglage en échec dans ${pinFailed.length} : ${names(pinFailed)}.` : md`Pinning failed in ${pinFailed.length}: ${names(pinFailed)}.`);
    lines.push(joinMarkdown(parts, " "));
  }
  if (failed.length > 0) {
    const shown = failed.slice(0, MAX_FAILURE_LINES).map((delivery) => md`- ${delivery.roomName} — ${failureReason(delivery, language)}`);
    const more = failed.length - shown.length;
    if (more > 0) shown.push(fr ? md`- … et ${more} autres` : md`- … and ${more} more`);
    lines.push(joinMarkdown([fr ? md`**Pas reçue (${failed.length})** :` : md`**Not delivered (${failed.length})**:`, ...shown], "\n"));
  }
  if (delivered.length > 0) {
    const names = nameList(delivered.map((delivery) => delivery.roomName), language);
    lines.push(fr ? md`**Salons qui l'ont reçue** : ${names}` : md`**Rooms that got it**: ${names}`);
  }
  return joinMarkdown(lines, "\n\n");
}
