import { DateTime } from "luxon";
import { ERASED_AUTHOR, type StaffAnnouncement } from "../../storage/staff-announcements/announcements-store.ts";
import type { DeliveryCounts } from "../../storage/staff-announcements/deliveries-store.ts";
import { zoneLabel } from "../agenda/parse-when.ts";
import { whenProblemText } from "../agenda/when-problems.ts";
import { localeOf, type Language } from "../i18n/language.ts";
import { excerpt } from "../render/cut-text.ts";
import { code, joinMarkdown, md, trusted, type Markdown } from "../render/markdown.ts";
import type { RequestProblem } from "./parse-request.ts";
import { nameList, numbered } from "./report-texts.ts";
import type { Targets } from "./targets.ts";

/** "vendredi 5 décembre 2026 à 18:00 (heure de Paris)" */
export function whenText(at: number, timeZone: string, language: Language): string {
  const moment = DateTime.fromMillis(at, { zone: timeZone }).setLocale(localeOf(language));
  const day = moment.toFormat(language === "fr" ? "cccc d LLLL yyyy 'à' HH:mm" : "cccc d LLLL yyyy 'at' HH:mm");
  return `${day} (${zoneLabel(timeZone, language)})`;
}

function tagList(tags: readonly string[]): string {
  return tags.map((tag) => `#${tag}`).join(", ");
}

/** The staff member's Markdown, shown as it will render, set apart in a quote. */
function quoted(text: string): Markdown {
  // Every line prefixed: the message cannot end the quote early, and a code fence it leaves open closes with it.
  return trusted(text.split("\n").map((line) => `> ${line}`).join("\n"));
}

export interface PreviewOptions {
  readonly tags: readonly string[];
  readonly pin: boolean;
  readonly mentionRoom: boolean;
  readonly sendAt: number | null;
  readonly timeZone: string;
}

/** What `!annonce` answers: the message as it will look, where it will go, and how to send it. */
export function previewText(text: string, options: PreviewOptions, targets: Targets, language: Language, prefix: string): Markdown {
  const fr = language === "fr";
  const confirm = code(fr ? `${prefix}annonce confirmer` : `${prefix}announce confirm`);
  const cancel = code(fr ? `${prefix}annonce annuler` : `${prefix}announce cancel`);
  const rooms = nameList(targets.rooms.map((room) => room.name), language);
  const tagged = options.tags.length === 0 ? "" : fr ? ` — étiquettes ${tagList(options.tags)}` : ` — tags ${tagList(options.tags)}`;
  const lines: Markdown[] = [
    fr ? md`**Aperçu de l'annonce** — rien n'est encore envoyé.` : md`**Announcement preview** — nothing has been sent yet.`,
    quoted(text),
    options.sendAt === null
      ? fr ? md`**Envoi** : dès la confirmation.` : md`**Sending**: as soon as you confirm.`
      : fr ? md`**Envoi programmé** : ${whenText(options.sendAt, options.timeZone, language)}.` : md`**Scheduled for** ${whenText(options.sendAt, options.timeZone, language)}.`,
    fr ? md`**Salons visés (${targets.rooms.length})**${tagged} : ${rooms}` : md`**Target rooms (${targets.rooms.length})**${tagged}: ${rooms}`,
  ];
  const extras: Markdown[] = [];
  if (options.pin) {
    const cannot = targets.cannotPin.length === 0 ? md`` : fr
      ? md` Je n'en ai pas le droit dans ${targets.cannotPin.length} : ${nameList(targets.cannotPin.map((room) => room.name), language)}.`
      : md` I lack the power to in ${targets.cannotPin.length}: ${nameList(targets.cannotPin.map((room) => room.name), language)}.`;
    extras.push(fr ? md`📌 Épinglée dans les salons où je peux épingler.${cannot}` : md`📌 Pinned in the rooms where I may pin.${cannot}`);
  }
  if (options.mentionRoom) {
    const silent = targets.cannotMentionRoom;
    const names = nameList(silent.map((room) => room.name), language);
    const where = silent.length === 0 ? md`` : silent.length === targets.rooms.length
      ? fr ? md` ⚠️ Mais je n'ai le droit « Notifier tout le monde » (niveau 50 par défaut) dans aucun d'eux : @room n'y notifiera personne.` : md` ⚠️ But I lack the "Notify everyone" permission (level 50 by default) in all of them: @room will ping nobody there.`
      : fr ? md` ⚠️ Sauf dans ${silent.length}, où je n'ai pas le droit « Notifier tout le monde » (niveau 50 par défaut) et où @room ne notifiera personne : ${names}.` : md` ⚠️ Except in ${silent.length}, where I lack the "Notify everyone" permission (level 50 by default) and @room will ping nobody: ${names}.`;
    extras.push(fr ? md`🔔 Notifie tous les membres de chaque salon (@room).${where}` : md`🔔 Notifies every member of each room (@room).${where}`);
  } else {
    extras.push(fr ? md`🔕 Ne mentionne personne : notifie comme un message ordinaire (ajoutez @room pour notifier tout le salon).` : md`🔕 Mentions nobody: notifies like any message (add @room to notify the whole room).`);
  }
  if (options.sendAt !== null) {
    extras.push(fr ? md`La liste des salons sera établie à nouveau au moment de l'envoi.` : md`The list of rooms will be worked out again when it is sent.`);
  }
  lines.push(joinMarkdown(extras, "\n"));
  lines.push(fr ? md`Pour l'envoyer : ${confirm} · pour l'abandonner : ${cancel}` : md`To send it: ${confirm} · to drop it: ${cancel}`);
  return joinMarkdown(lines, "\n\n");
}

export function scheduledText(announcement: StaffAnnouncement, language: Language, prefix: string): Markdown {
  const when = whenText(announcement.sendAt ?? 0, announcement.timeZone, language);
  const number = numbered(announcement.id, language);
  return language === "fr"
    ? md`🗓️ Annonce ${number} programmée pour le ${when}. ${code(`${prefix}annonces`)} la liste ; ${code(`${prefix}annonce annuler ${announcement.id}`)} l'annule.`
    : md`🗓️ Announcement ${number} scheduled for ${when}. ${code(`${prefix}announcements`)} lists it; ${code(`${prefix}announce cancel ${announcement.id}`)} cancels it.`;
}

/** The author's pill opens it: they are the one to send it again. */
export function lateText(announcement: StaffAnnouncement, author: Markdown, language: Language): Markdown {
  const when = whenText(announcement.sendAt ?? 0, announcement.timeZone, language);
  return language === "fr"
    ? md`⚠️ ${author} : l'annonce ${numbered(announcement.id, language)}, programmée pour le ${when}, n'est pas partie : j'étais arrêté à ce moment-là. Renvoyez-la si elle est toujours utile.`
    : md`⚠️ ${author}: announcement ${numbered(announcement.id, language)}, scheduled for ${when}, was not sent: I was stopped at the time. Send it again if it still matters.`;
}

export interface ListedSending {
  readonly announcement: StaffAnnouncement;
  readonly counts: DeliveryCounts;
}

/** `!annonces`: scheduled ones (cancellable, with who wrote them, named by `nameOf`), those being sent, the last few sent. */
export function listText(scheduled: readonly StaffAnnouncement[], sending: readonly ListedSending[], done: readonly ListedSending[], language: Language, prefix: string, nameOf: (userId: string) => string = (userId) => userId): Markdown {
  const fr = language === "fr";
  const target = (announcement: StaffAnnouncement): string => (announcement.tags.length === 0 ? (fr ? "tous les salons" : "every room") : tagList(announcement.tags));
  const sections: Markdown[] = [];
  if (scheduled.length > 0) {
    const lines = scheduled.map((announcement) => md`- **${numbered(announcement.id, language)}** · ${whenText(announcement.sendAt ?? 0, announcement.timeZone, language)} · ${target(announcement)} · ${announcement.author === ERASED_AUTHOR ? (fr ? "(nom effacé)" : "(name erased)") : nameOf(announcement.author)} — « ${excerpt(announcement.text)} »`);
    const howTo = code(fr ? `${prefix}annonce annuler <n°>` : `${prefix}announce cancel <number>`);
    sections.push(joinMarkdown([fr ? md`**Programmées** (${howTo} pour en annuler une) :` : md`**Scheduled** (${howTo} to cancel one):`, ...lines], "\n"));
  }
  const progress = ({ announcement, counts }: ListedSending): Markdown =>
    md`- **${numbered(announcement.id, language)}** · ${counts.delivered}/${counts.total} ${fr ? "salons" : "rooms"}${counts.failed === 0 ? "" : ` · ${counts.failed} ${fr ? "échecs" : "failures"}`} — « ${excerpt(announcement.text)} »`;
  if (sending.length > 0) sections.push(joinMarkdown([fr ? md`**En cours d'envoi** :` : md`**Being sent**:`, ...sending.map(progress)], "\n"));
  if (done.length > 0) sections.push(joinMarkdown([fr ? md`**Dernières envoyées** :` : md`**Last sent**:`, ...done.map(progress)], "\n"));
  if (sections.length === 0) return fr ? md`Aucune annonce programmée ni envoyée pour l'instant.` : md`No announcement scheduled or sent yet.`;
  return joinMarkdown(sections, "\n\n");
}

/** Why `!annonce …` could not be read: nothing is kept. */
export function requestProblemText(problem: RequestProblem, language: Language, timeZone: string, prefix: string): Markdown {
  const fr = language === "fr";
  const example = code(fr ? `${prefix}annonce #culture programmer vendredi 18h -- Le **forum des associations** ouvre samedi !` : `${prefix}announce #culture schedule Friday 6pm -- The **associations fair** opens on Saturday!`);
  switch (problem.kind) {
    case "empty":
      return fr ? md`Le message de l'annonce est vide : écrivez-le après les options, par exemple ${example}` : md`The announcement is empty: write it after the options, for example ${example}`;
    case "tooLong":
      return fr ? md`L'annonce est trop longue (${problem.length} caractères, 20 000 au plus). Rien n'a été enregistré.` : md`The announcement is too long (${problem.length} characters, 20,000 at most). Nothing was saved.`;
    case "notOneMoment":
      return fr ? md`Pour programmer, donnez un jour et une heure (pas une répétition ni une journée entière), par exemple ${example}` : md`To schedule, give one day and time (not a repetition or a whole day), for example ${example}`;
    case "when":
      if (problem.problem.kind === "notFound") {
        return fr ? md`Je n'ai pas compris quand l'envoyer : mettez la date juste après « programmer », puis ${code("--")} et le message, par exemple ${example}` : md`I did not understand when to send it: put the date right after "schedule", then ${code("--")} and the message, for example ${example}`;
      }
      if (problem.problem.kind === "past") return fr ? md`Ce moment est déjà passé : je ne peux pas programmer une annonce dans le passé. Rien n'a été enregistré.` : md`That moment is already past: I cannot schedule an announcement in the past. Nothing was saved.`;
      return whenProblemText(problem.problem, language, timeZone, prefix);
  }
}
