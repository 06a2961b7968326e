/**
 * Native Matrix polls (MSC3381): the contents Minou sends and the readers for what members send.
 * https://github.com/matrix-org/matrix-spec-proposals/blob/main/proposals/3381-polls.md
 *
 * Minou sends the unstable layout because Element Web only parses that one (see
 * MATRIX-NOTES "Polls"); it reads every layout a member's client may produce: the unstable one,
 * the intermediate one matrix-js-sdk still reads (stable key names, old block shapes) and the
 * final MSC one (`m.poll` block, `m.id`/`m.text` answers, `m.selections`).
 */

export const POLL_START = "org.matrix.msc3381.poll.start";
export const POLL_RESPONSE = "org.matrix.msc3381.poll.response";
export const POLL_END = "org.matrix.msc3381.poll.end";
export const STABLE_POLL_RESPONSE = "m.poll.response";
export const STABLE_POLL_START = "m.poll.start";
export const STABLE_POLL_END = "m.poll.end";

/** MSC3381: "The array is truncated to 20 maximum options" (matrix-js-sdk: `answers.slice(0, 20)`). */
export const MAX_POLL_ANSWERS = 20;

export interface PollAnswer {
  readonly id: string;
  readonly text: string;
}

export interface PollDefinition {
  readonly question: string;
  readonly answers: readonly PollAnswer[];
  readonly disclosed: boolean;
  readonly maxSelections: number;
}

const UNSTABLE_TEXT = "org.matrix.msc1767.text";
const DISCLOSED = "org.matrix.msc3381.poll.disclosed";
const UNDISCLOSED = "org.matrix.msc3381.poll.undisclosed";
/** Every spelling of "disclosed" in the MSC's history; any other kind means undisclosed (MSC3381). */
const DISCLOSED_KINDS: ReadonlySet<string> = new Set([DISCLOSED, "m.poll.disclosed", "m.disclosed"]);

/**
 * What `readSelections` returns for a selection entry that cannot be an answer id. Answer ids are
 * never empty (`readPollStart` rejects them), so such a vote is spoiled, as matrix-js-sdk's
 * `PollResponseEvent.validateAgainst` spoils a response whose answers are missing or not strings.
 */
const UNREADABLE_SELECTION = "";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fallbackText(poll: PollDefinition): string {
  // The same text matrix-js-sdk's PollStartEvent.serialize() writes, so clients without polls show a numbered list.
  return [poll.question, ...poll.answers.map((answer, index) => `${index + 1}. ${answer.text}`)].join("\n");
}

/** A poll Minou is about to send breaking these rules is a bug upstream (commands validate input). */
function assertSendable(poll: PollDefinition): void {
  const ids = new Set(poll.answers.map((answer) => answer.id));
  if (poll.answers.length === 0 || poll.answers.length > MAX_POLL_ANSWERS) {
    throw new RangeError(`A poll needs 1 to ${MAX_POLL_ANSWERS} answers, got ${poll.answers.length}`);
  }
  if (ids.size !== poll.answers.length || ids.has("")) throw new RangeError("Poll answer ids must be unique and non-empty");
  if (!Number.isInteger(poll.maxSelections) || poll.maxSelections < 1) {
    throw new RangeError(`max_selections must be an integer ≥ 1, got ${poll.maxSelections}`);
  }
}

/**
 * Content of a poll start in the unstable layout Element Web sends. Element's own
 * `PollStartEvent.serialize()` also copies `body`/`msgtype` into the question object; no reader
 * (matrix-js-sdk, ruma) looks at them, so they are left out, as in MATRIX-NOTES' example.
 */
export function pollStartContent(poll: PollDefinition): Record<string, unknown> {
  assertSendable(poll);
  return {
    [UNSTABLE_TEXT]: fallbackText(poll),
    [POLL_START]: {
      question: { [UNSTABLE_TEXT]: poll.question },
      kind: poll.disclosed ? DISCLOSED : UNDISCLOSED,
      max_selections: poll.maxSelections,
      answers: poll.answers.map((answer) => ({ id: answer.id, [UNSTABLE_TEXT]: answer.text })),
    },
  };
}

/** The plain-text rendering of an `m.text`/`m.message` value: a string, or an array of renderings. */
function plainRendering(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (!Array.isArray(value)) return undefined;
  const plain: unknown = value.find(
    (rendering) => isObject(rendering) && (rendering.mimetype === undefined || rendering.mimetype === "text/plain"),
  );
  return isObject(plain) && typeof plain.body === "string" ? plain.body : undefined;
}

/** Text of an extensible-events object, looked up in the order matrix-js-sdk's MessageEvent uses. */
function readText(block: Json): string | undefined {
  for (const key of ["m.message", "org.matrix.msc1767.message", "m.text", UNSTABLE_TEXT]) {
    if (block[key] !== undefined) return plainRendering(block[key]);
  }
  return undefined;
}

function readAnswer(value: unknown): PollAnswer | undefined {
  if (!isObject(value)) return undefined;
  const id = value["m.id"] ?? value.id; // final MSC layout uses `m.id`, the unstable one `id`
  const text = readText(value);
  if (typeof id !== "string" || id === "" || text === undefined) return undefined;
  return { id, text };
}

function readMaxSelections(value: unknown): number {
  // MSC3381: "Must be greater than or equal to 1, and defaults to 1"; matrix-js-sdk falls back to 1 too.
  return typeof value === "number" && Number.isFinite(value) && value >= 1 ? Math.floor(value) : 1;
}

/**
 * Reads a poll start from any client. More than 20 answers are cut to the first 20 (MSC3381
 * "truncated to 20", matrix-js-sdk `slice(0, 20)`), so Minou shows the same options as Element.
 * Undefined when matrix-js-sdk would refuse it too (no question, no answers, an answer without id or
 * text) and, stricter than the SDK, when two answers share an id: their votes could not be told apart.
 */
export function readPollStart(eventType: string, content: Record<string, unknown>): PollDefinition | undefined {
  if (eventType !== POLL_START && eventType !== STABLE_POLL_START) return undefined;
  // Final layout `m.poll`; else the block matrix-js-sdk finds with M_POLL_START.findIn (stable key first).
  const block = content["m.poll"] ?? content[STABLE_POLL_START] ?? content[POLL_START];
  if (!isObject(block) || !isObject(block.question) || !Array.isArray(block.answers)) return undefined;
  const question = readText(block.question);
  const answers = (block.answers as unknown[]).slice(0, MAX_POLL_ANSWERS).map(readAnswer);
  if (question === undefined || answers.length === 0) return undefined;
  const readable = answers.filter((answer): answer is PollAnswer => answer !== undefined);
  if (readable.length !== answers.length) return undefined;
  if (new Set(readable.map((answer) => answer.id)).size !== readable.length) return undefined;
  return {
    question,
    answers: readable,
    disclosed: typeof block.kind === "string" && DISCLOSED_KINDS.has(block.kind),
    maxSelections: readMaxSelections(block.max_selections),
  };
}

/** The poll start event id a response or end refers to (m.relates_to rel_type m.reference). */
export function referencedPoll(content: Record<string, unknown>): string | undefined {
  const relation = content["m.relates_to"];
  if (!isObject(relation) || relation.rel_type !== "m.reference") return undefined;
  return typeof relation.event_id === "string" && relation.event_id !== "" ? relation.event_id : undefined;
}

function selectionList(value: unknown): readonly string[] {
  if (!Array.isArray(value)) return [UNREADABLE_SELECTION];
  return value.map((entry: unknown) => (typeof entry === "string" ? entry : UNREADABLE_SELECTION));
}

/**
 * The selections of a poll response, in any of the three layouts; undefined when the event type is
 * not a response. An empty array withdraws the vote (MSC3381 "to unvote … send … an empty array").
 * A response whose selections are missing or not strings still replaces the sender's earlier vote
 * (MSC3381: the most recent vote counts "even if that event is invalid"), so it reads as an
 * unreadable entry that spoils the vote rather than as "not a response".
 */
export function readSelections(eventType: string, content: Record<string, unknown>): readonly string[] | undefined {
  if (eventType !== POLL_RESPONSE && eventType !== STABLE_POLL_RESPONSE) return undefined;
  // matrix-js-sdk's M_POLL_RESPONSE.findIn looks for the `m.poll.response` key before the unstable one.
  const block = content[STABLE_POLL_RESPONSE] ?? content[POLL_RESPONSE];
  if (isObject(block)) return selectionList(block.answers);
  return selectionList(content["m.selections"]);
}

/**
 * Content of a poll end as matrix-js-sdk's PollEndEvent.serialize() writes it: the text block that
 * Element shows under the closed poll, plus `body`/`msgtype` for clients without polls.
 */
export function pollEndContent(startEventId: string, resultText: string): Record<string, unknown> {
  return {
    "m.relates_to": { rel_type: "m.reference", event_id: startEventId },
    [POLL_END]: {},
    [UNSTABLE_TEXT]: resultText,
    body: resultText,
    msgtype: "m.text",
  };
}
