import { parseWhen, type WhenProblem } from "../agenda/parse-when.ts";
import { fold } from "../dispatch/fold.ts";
import type { Language } from "../i18n/language.ts";
import { normalizeTag } from "../../storage/rooms-store.ts";
import { MAX_TEXT_LENGTH } from "./model.ts";

/** What `!annonce …` asks for, read from the words before the message. */
export interface AnnouncementRequest {
  /** Normalised, without "#", once each; none means every association room. */
  readonly tags: readonly string[];
  readonly pin: boolean;
  readonly mentionRoom: boolean;
  /** UTC ms, or null to send on confirmation. */
  readonly sendAt: number | null;
  /** The Markdown to send, as typed (line breaks kept). */
  readonly text: string;
}

export type RequestProblem =
  | { readonly kind: "empty" }
  | { readonly kind: "tooLong"; readonly length: number }
  /** `programmer` with a date Minou could not take. */
  | { readonly kind: "when"; readonly problem: WhenProblem }
  /** `programmer` with a repetition or a whole day instead of one moment. */
  | { readonly kind: "notOneMoment" };

export type RequestOutcome = { readonly ok: true; readonly request: AnnouncementRequest } | { readonly ok: false; readonly problem: RequestProblem };

export interface RequestContext {
  readonly now: number;
  readonly timeZone: string;
  readonly language: Language;
}

const PIN_WORDS = new Set(["epingler", "epinglee", "pin", "pinned"]);
// Not "programme": "Programme de la semaine…" is a likely first line of an announcement.
const SCHEDULE_WORDS = new Set(["programmer", "programmee", "schedule", "scheduled"]);
const ROOM_MENTION = "@room";
// A tag is "#" and a word; "# Titre" (a Markdown heading) is not one.
const TAG = /^#[\p{L}\p{N}_-]+$/u;
// What may separate the options from a message that itself starts like an option or a date.
const SEPARATOR = /^(?:--|—|–)\s*/u;

/**
 * Reads the leading options — `#tag`, `épingler`, `@room`, `programmer <quand>`, in any order —
 * and takes the rest, from the first word that is none of them, as the message. `--` ends the
 * options explicitly (`!annonce programmer demain 9h -- Demain, fermeture à 17h`).
 */
export function parseRequest(input: string, context: RequestContext): RequestOutcome {
  const tags: string[] = [];
  let pin = false;
  let mentionRoom = false;
  let sendAt: number | null = null;
  let rest = input.trim();
  for (;;) {
    const word = /^\S+/u.exec(rest)?.[0];
    if (word === undefined) break;
    const folded = fold(word);
    const after = rest.slice(word.length).trimStart();
    if (TAG.test(word)) {
      const tag = normalizeTag(word);
      if (!tags.includes(tag)) tags.push(tag);
    } else if (PIN_WORDS.has(folded)) {
      pin = true;
    } else if (folded === ROOM_MENTION) {
      mentionRoom = true;
    } else if (SCHEDULE_WORDS.has(folded) && sendAt === null) {
      const when = parseWhen(after, { ...context, defaultDurationMinutes: 1 });
      if (!when.ok) return { ok: false, problem: { kind: "when", problem: when.problem } };
      if (when.when.rrule !== null || when.when.allDay) return { ok: false, problem: { kind: "notOneMoment" } };
      sendAt = when.when.startsAt;
      rest = when.rest;
      continue;
    } else {
      break;
    }
    rest = after;
  }
  const text = rest.replace(SEPARATOR, "").trim();
  if (text === "") return { ok: false, problem: { kind: "empty" } };
  if (text.length > MAX_TEXT_LENGTH) return { ok: false, problem: { kind: "tooLong", length: text.length } };
  return { ok: true, request: { tags, pin, mentionRoom, sendAt, text } };
}
