import { fold } from "../dispatch/fold.ts";
import { tokenize } from "../dispatch/tokenize.ts";
import type { Language } from "../i18n/language.ts";
import { parseWhen, type WhenProblem } from "../agenda/parse-when.ts";
import { foldSameLength } from "../agenda/parse-when/text.ts";

export const MAX_ANSWERS = 20;
export const MAX_LABEL = 200;
export const MAX_QUESTION = 300;

export interface PollRequest {
  readonly question: string;
  /** Answers, or the date slots' text. */
  readonly parts: readonly string[];
  readonly deadlineText: string | undefined;
  readonly undisclosed: boolean;
  readonly anonymous: boolean;
}

export type PollRequestProblem =
  | { readonly kind: "noQuestion" }
  | { readonly kind: "tooFew" }
  | { readonly kind: "tooMany" }
  | { readonly kind: "emptyAnswer"; readonly position: number }
  | { readonly kind: "duplicate"; readonly label: string }
  | { readonly kind: "tooLong" };

const UNDISCLOSED = new Set(["ferme", "closed", "secret"]);
const ANONYMOUS = new Set(["anonyme", "anonymous"]);
const DEADLINE = /\s(?:jusqu'(?:a|au)|until)\s/giu;

type PollRequestResult = { ok: true; request: PollRequest } | { ok: false; problem: PollRequestProblem };

/**
 * `"Question ?" A | B | C jusqu'à vendredi 18h fermé anonyme`: the quoted question, answers
 * split on "|", then at the end, in any order, the deadline and the options.
 */
export function parsePollRequest(text: string): PollRequestResult {
  const [first] = tokenize(text);
  if (first === undefined || !first.quoted || first.text === "") return { ok: false, problem: { kind: "noQuestion" } };
  return pollRequest(first.text, text.slice(first.end), /\|/u);
}

/**
 * `!sondage dates`: the native poll's form, or, as people type it, `Réunion de rentrée ? lundi
 * 14h, mardi 18h` with no quotes: the title runs to the "?", or without one to the first part
 * that `isSlot` takes for a date. Slots are split on "|", or on commas when there is no "|".
 */
export function parseDatePollRequest(text: string, isSlot: (part: string) => boolean): PollRequestResult {
  const [first] = tokenize(text);
  if (first?.quoted === true) return first.text === "" ? { ok: false, problem: { kind: "noQuestion" } } : pollRequest(first.text, text.slice(first.end), slotSeparator(text));
  const mark = text.indexOf("?");
  if (mark > 0 && text.slice(0, mark).trim() !== "") return pollRequest(text.slice(0, mark + 1).trim(), text.slice(mark + 1), slotSeparator(text));
  const separator = slotSeparator(text);
  for (const word of [...text.matchAll(/\S+/gu)].slice(1)) {
    const slots = text.slice(word.index);
    const [firstSlot = ""] = slots.split(separator);
    if (isSlot(firstSlot.trim())) return pollRequest(text.slice(0, word.index).trim(), slots, separator);
  }
  return { ok: false, problem: { kind: "noQuestion" } };
}

function slotSeparator(text: string): RegExp {
  return text.includes("|") ? /\|/u : /,/u;
}

function pollRequest(question: string, body: string, separator: RegExp): PollRequestResult {
  let rest = body.trim();
  let undisclosed = false;
  let anonymous = false;
  for (;;) {
    const match = /\s*(\S+)$/u.exec(rest);
    const word = fold(match?.[1] ?? "");
    if (match === null || !(UNDISCLOSED.has(word) || ANONYMOUS.has(word))) break;
    if (UNDISCLOSED.has(word)) undisclosed = true;
    else anonymous = true;
    rest = rest.slice(0, match.index).trim();
  }
  let deadlineText: string | undefined;
  const folded = foldSameLength(rest);
  const deadlines = [...folded.matchAll(DEADLINE)];
  const last = deadlines.at(-1);
  if (last?.index !== undefined) {
    deadlineText = rest.slice(last.index + last[0].length).trim();
    rest = rest.slice(0, last.index).trim();
  }
  const parts = rest.split(separator).map((part) => part.trim());
  if (question.length > MAX_QUESTION || parts.some((part) => part.length > MAX_LABEL)) return { ok: false, problem: { kind: "tooLong" } };
  if (parts.length < 2) return { ok: false, problem: { kind: "tooFew" } };
  if (parts.length > MAX_ANSWERS) return { ok: false, problem: { kind: "tooMany" } };
  const empty = parts.findIndex((part) => part === "");
  if (empty !== -1) return { ok: false, problem: { kind: "emptyAnswer", position: empty + 1 } };
  const seen = new Set<string>();
  for (const part of parts) {
    if (seen.has(fold(part))) return { ok: false, problem: { kind: "duplicate", label: part } };
    seen.add(fold(part));
  }
  return { ok: true, request: { question, parts, deadlineText, undisclosed, anonymous } };
}

/** The words parseWhen reads as "the whole day": parser input in each language, not a text Minou shows. */
const WHOLE_DAY: Readonly<Record<Language, string>> = { fr: "toute la journée", en: "all day" };

export type DeadlineResult = { ok: true; deadline: number } | { ok: false; problem: WhenProblem };

/** "vendredi 18h" is that moment; "vendredi" alone means until the end of that day. */
export function parseDeadline(text: string, now: number, timeZone: string, language: Language): DeadlineResult {
  const options = { now, timeZone, language, defaultDurationMinutes: 60 };
  let parsed = parseWhen(text, options);
  let endOfDay = false;
  if (!parsed.ok && parsed.problem.kind === "ambiguous" && parsed.problem.reason === "noTime") {
    parsed = parseWhen(`${text} ${WHOLE_DAY[language]}`, options);
    endOfDay = true;
  }
  if (!parsed.ok) return parsed;
  if (parsed.rest !== "" || parsed.when.rrule !== null) return { ok: false, problem: { kind: "notFound" } };
  const deadline = endOfDay ? parsed.when.endsAt : parsed.when.startsAt;
  if (deadline <= now) return { ok: false, problem: { kind: "past", startsAt: deadline } };
  return { ok: true, deadline };
}
