import { DateTime } from "luxon";
import { ERASED_AUTHOR, type StaffAnnouncement } from "../../storage/staff-announcements/announcements-store.ts";
import type { DeliveryCounts } from "../../storage/staff-announcements/deliveries-store.ts";
import { zoneLabel } from "../agenda/parse-when.ts";
import { whenProblemText } from "../agenda/when-problems.ts";
import { plainText, t } from "../i18n/catalog.ts";
import { commandLine } from "../i18n/command-line.ts";
import { localeOf, type Language } from "../i18n/language.ts";
import { excerpt } from "../render/cut-text.ts";
import { code, joinMarkdown, trusted, type Markdown } from "../render/markdown.ts";
import { MAX_TEXT_LENGTH } from "./model.ts";
import type { RequestProblem } from "./parse-request.ts";
import { nameList, numbered } from "./report-texts.ts";
import type { Targets } from "./targets.ts";

/** "vendredi 5 décembre 2026 à 18:00 (heure de Paris)": the full date, as running prose writes it. */
export function whenText(at: number, timeZone: string, language: Language): string {
  const moment = DateTime.fromMillis(at, { zone: timeZone }).setLocale(localeOf(language));
  return plainText(language, "announcements.when", {
    day: moment.toLocaleString({ weekday: "long", day: "numeric", month: "long", year: "numeric" }),
    time: moment.toLocaleString(DateTime.TIME_24_SIMPLE),
    zone: zoneLabel(timeZone, language),
  });
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

function pinLine(targets: Targets, language: Language): Markdown {
  if (targets.cannotPin.length === 0) return t(language, "announcements.preview.pin");
  return t(language, "announcements.preview.pinExcept", { count: targets.cannotPin.length, rooms: nameList(targets.cannotPin.map((room) => room.name), language) });
}

function mentionLine(targets: Targets, language: Language): Markdown {
  const silent = targets.cannotMentionRoom;
  if (silent.length === 0) return t(language, "announcements.preview.mention");
  if (silent.length === targets.rooms.length) return t(language, "announcements.preview.mentionNowhere");
  return t(language, "announcements.preview.mentionExcept", { count: silent.length, rooms: nameList(silent.map((room) => room.name), language) });
}

/** What `!annonce` answers: the message as it will look, where it will go, and how to send it. */
export function previewText(text: string, options: PreviewOptions, targets: Targets, language: Language, prefix: string): Markdown {
  const rooms = nameList(targets.rooms.map((room) => room.name), language);
  const count = targets.rooms.length;
  const lines: Markdown[] = [
    t(language, "announcements.preview.title"),
    quoted(text),
    options.sendAt === null ? t(language, "announcements.preview.sendNow") : t(language, "announcements.preview.sendAt", { when: whenText(options.sendAt, options.timeZone, language) }),
    options.tags.length === 0
      ? t(language, "announcements.preview.targets", { count, rooms })
      : t(language, "announcements.preview.targetsTagged", { count, rooms, tags: tagList(options.tags) }),
  ];
  const extras: Markdown[] = [];
  if (options.pin) extras.push(pinLine(targets, language));
  extras.push(options.mentionRoom ? mentionLine(targets, language) : t(language, "announcements.preview.noMention"));
  if (options.sendAt !== null) extras.push(t(language, "announcements.preview.roomsAgain"));
  lines.push(joinMarkdown(extras, "\n"));
  lines.push(t(language, "announcements.preview.howTo", { confirm: commandLine(language, "announcements.confirmer", prefix), cancel: commandLine(language, "announcements.annuler", prefix) }));
  return joinMarkdown(lines, "\n\n");
}

export function scheduledText(announcement: StaffAnnouncement, language: Language, prefix: string): Markdown {
  return t(language, "announcements.confirmer.scheduled", {
    number: numbered(announcement.id, language),
    when: whenText(announcement.sendAt ?? 0, announcement.timeZone, language),
    list: commandLine(language, "announcements.annonces", prefix),
    cancel: commandLine(language, "announcements.annuler", prefix, String(announcement.id)),
  });
}

/** The author's pill opens it: they are the one to send it again. Without one (erased), the staff room as a whole is told. */
export function lateText(announcement: StaffAnnouncement, author: Markdown | undefined, language: Language): Markdown {
  const number = numbered(announcement.id, language);
  const when = whenText(announcement.sendAt ?? 0, announcement.timeZone, language);
  return author === undefined ? t(language, "announcements.lateNoAuthor", { number, when }) : t(language, "announcements.late", { author, number, when });
}

export interface ListedSending {
  readonly announcement: StaffAnnouncement;
  readonly counts: DeliveryCounts;
}

/** `!annonces`: scheduled ones (cancellable, with who wrote them, named by `nameOf`), those being sent, the last few sent. */
export function listText(scheduled: readonly StaffAnnouncement[], sending: readonly ListedSending[], done: readonly ListedSending[], language: Language, prefix: string, nameOf: (userId: string) => string = (userId) => userId): Markdown {
  const target = (announcement: StaffAnnouncement): string => (announcement.tags.length === 0 ? plainText(language, "announcements.annonces.everyRoom") : tagList(announcement.tags));
  const authorOf = (announcement: StaffAnnouncement): string => (announcement.author === ERASED_AUTHOR ? plainText(language, "announcements.annonces.nameErased") : nameOf(announcement.author));
  const sections: Markdown[] = [];
  if (scheduled.length > 0) {
    const lines = scheduled.map((announcement) =>
      t(language, "announcements.annonces.scheduledLine", {
        number: numbered(announcement.id, language),
        when: whenText(announcement.sendAt ?? 0, announcement.timeZone, language),
        target: target(announcement),
        author: authorOf(announcement),
        text: excerpt(announcement.text),
      }),
    );
    sections.push(joinMarkdown([t(language, "announcements.annonces.scheduled", { cancel: commandLine(language, "announcements.annuler", prefix) }), ...lines], "\n"));
  }
  const progress = ({ announcement, counts }: ListedSending): Markdown =>
    t(language, "announcements.annonces.progressLine", { number: numbered(announcement.id, language), delivered: counts.delivered, total: counts.total, failed: counts.failed, text: excerpt(announcement.text) });
  if (sending.length > 0) sections.push(joinMarkdown([t(language, "announcements.annonces.sending"), ...sending.map(progress)], "\n"));
  if (done.length > 0) sections.push(joinMarkdown([t(language, "announcements.annonces.done"), ...done.map(progress)], "\n"));
  if (sections.length === 0) return t(language, "announcements.annonces.none");
  return joinMarkdown(sections, "\n\n");
}

/** Why `!annonce …` could not be read: nothing is kept. */
export function requestProblemText(problem: RequestProblem, language: Language, timeZone: string, prefix: string): Markdown {
  const example = code(`${prefix}${plainText(language, "announcements.annonce.example")}`);
  switch (problem.kind) {
    case "empty":
      return t(language, "announcements.annonce.empty", { example });
    case "tooLong":
      return t(language, "announcements.annonce.tooLong", { length: problem.length, max: MAX_TEXT_LENGTH });
    case "notOneMoment":
      return t(language, "announcements.annonce.notOneMoment", { example });
    case "when":
      if (problem.problem.kind === "notFound") return t(language, "announcements.annonce.whenNotFound", { separator: code("--"), example });
      if (problem.problem.kind === "past") return t(language, "announcements.annonce.whenPast");
      return whenProblemText(problem.problem, language, timeZone, prefix);
  }
}
