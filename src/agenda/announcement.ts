import type { Answer } from "../../storage/agenda/answers-store.ts";
import type { Language } from "../i18n/language.ts";
import { definePurpose, idRef } from "../pipeline/purpose.ts";
import { t } from "../i18n/catalog.ts";
import { joinMarkdown, md, type Markdown } from "../render/markdown.ts";
import { countsLine } from "./format.ts";
import type { AgendaEvent } from "./model.ts";
import { describeWhen } from "./parse-when.ts";

/** The namespaced key that maps Minou's messages back to its records (reactions, edits). */
export const MINOU_KEY = "fr.chatons.minou";
/** An event's announcement; its reference is the event's id. */
export const ANNOUNCEMENT = definePurpose("agenda.announcement", idRef);

export function announcementKey(event: AgendaEvent): Record<string, unknown> {
  return { [MINOU_KEY]: { agenda_event: event.uid } };
}

/** The event as members see it: what, when (unambiguous), where, and how to answer. */
export function eventSummary(event: AgendaEvent, language: Language): Markdown {
  const when = describeWhen(event, event.timeZone, language);
  const lines: Markdown[] = [
    t(language, "agenda.event.heading", { title: event.title, number: event.number }),
    event.location === null ? md`${when}` : t(language, "agenda.event.whenAndPlace", { when, place: event.location }),
  ];
  if (event.description !== null) lines.push(md`${event.description}`);
  return joinMarkdown(lines, "\n");
}

/** The announcement members react to; edited in place as answers come in. */
export function announcementText(event: AgendaEvent, counts: Readonly<Record<Answer, number>>, language: Language): Markdown {
  if (event.status === "cancelled") {
    return joinMarkdown([t(language, "agenda.event.cancelled"), eventSummary(event, language)], "\n");
  }
  const howTo = t(language, "agenda.announcement.howToAnswer");
  return joinMarkdown([eventSummary(event, language), howTo, md`${countsLine(counts)}`], "\n");
}
