// What the fuzz test expects of each input, decided from what was sent and nothing of Minou's own
// code: a command is an m.text whose body, once a reply fallback, blanks and invisible marks are
// stripped, starts with the prefix; a message addressed to Minou by name counts as one too.
import type { Delivery } from "./send.ts";

export type Addressing =
  /** Starts with the prefix: exactly one reply expected. */
  | "command"
  /** "Minou : aide", "@minou aide", a pill: exactly one reply expected. */
  | "addressed"
  /** A replacement (spec: "Event replacements"): not a new message, never answered itself. */
  | "edit"
  /**
   * rel_type m.replace without a valid m.new_content or target: the spec says to ignore the
   * replacement, and clients hide the event all the same. Whether it is then a message is left
   * open, so it may be answered once if its body reads as a command, never more.
   */
  | "malformed-edit"
  /** Any other message (conversation, m.emote, m.notice, no body…): no reply expected. */
  | "not-for-minou"
  /** Not an m.room.message timeline event (state, reactions, redactions, other types): no reply. */
  | "not-a-message";

// Blanks (what String.prototype.trim removes), format characters (Unicode Cf: zero-width space
// and joiners, word joiner, BOM, direction marks and overrides…) and control characters (Cc:
// NUL, DEL…): nothing a reader sees.
const LEADING_INVISIBLE = /^[\s\p{Cf}\p{Cc}]+/u;
const INVISIBLE = /[\p{Cf}\p{Cc}]/gu;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A replacement as the spec defines it: rel_type m.replace, the original's id, an m.new_content object. */
export function isEdit(content: unknown): boolean {
  if (!isObject(content)) return false;
  const relation = content["m.relates_to"];
  return isObject(relation) && relation["rel_type"] === "m.replace" && typeof relation["event_id"] === "string" && isObject(content["m.new_content"]);
}

/** The body without the quoted message that replies used to carry (spec: "Fallbacks for replies"). */
function withoutReplyFallback(body: string, content: Record<string, unknown>): string {
  const relation = content["m.relates_to"];
  if (!isObject(relation) || !("m.in_reply_to" in relation) || !body.startsWith("> ")) return body;
  const lines = body.split("\n");
  let first = 0;
  while (first < lines.length && (lines[first] ?? "").startsWith(">")) first += 1;
  return lines.slice(first).join("\n");
}

/** The text a reader sees at the start of a message: the body without fallback, leading blanks and invisible marks. */
export function visibleStart(content: Record<string, unknown>): string | undefined {
  const body = content["body"];
  if (typeof body !== "string") return undefined;
  return withoutReplyFallback(body, content).replace(LEADING_INVISIBLE, "");
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");

/** Whether a message speaks to Minou by name, as the README says one may ("Minou : aide"). */
function addressedByName(content: Record<string, unknown>, botUserId: string, names: readonly string[]): boolean {
  const start = visibleStart(content);
  if (start === undefined) return false;
  const text = start.replace(INVISIBLE, "").trimStart();
  const localpart = botUserId.slice(1).split(":")[0] ?? "";
  const mentions = [escapeRegExp(botUserId), `@${escapeRegExp(localpart)}(?!:\\S)`];
  const spoken = [...mentions, ...[localpart, ...names].map(escapeRegExp)];
  // "Minou : aide", "minou, aide", "Minou ?" alone.
  if (new RegExp(`^(?:${spoken.join("|")})(?:\\s*[:,]|\\s*\\?\\s*$)`, "iu").test(text)) return true;
  // "@minou aide", "@minou:minou.test aide": a mention typed out.
  if (new RegExp(`^(?:${mentions.join("|")})(?:\\s|$)`, "iu").test(text)) return true;
  // A pill: the link in formatted_body, or Minou's ID in m.mentions, and its name first in the body.
  const html = typeof content["formatted_body"] === "string" ? content["formatted_body"] : "";
  const linked = new RegExp(`^\\s*<a\\s[^>]*href\\s*=\\s*["']https://matrix\\.to/#/${escapeRegExp(encodeURIComponent(botUserId))}["']`, "iu").test(html) ||
    new RegExp(`^\\s*<a\\s[^>]*href\\s*=\\s*["']https://matrix\\.to/#/${escapeRegExp(botUserId)}["']`, "iu").test(html);
  const intentional = content["m.mentions"];
  const mentioned = isObject(intentional) && Array.isArray(intentional["user_ids"]) && intentional["user_ids"].includes(botUserId);
  if (!linked && !mentioned) return false;
  return new RegExp(`^(?:${spoken.join("|")})(?:\\s|$)`, "iu").test(text);
}

export interface AddressingOptions {
  readonly botUserId: string;
  readonly prefix: string;
  readonly names: readonly string[];
}

export function addressingOf(delivery: Pick<Delivery, "eventType" | "content" | "stateKey">, options: AddressingOptions): Addressing {
  const { content } = delivery;
  if (delivery.eventType !== "m.room.message" || delivery.stateKey !== undefined || !isObject(content)) return "not-a-message";
  if (isEdit(content)) return "edit";
  const relation = content["m.relates_to"];
  if (isObject(relation) && relation["rel_type"] === "m.replace") return "malformed-edit";
  if (content["msgtype"] !== "m.text") return "not-for-minou";
  if (visibleStart(content)?.startsWith(options.prefix) === true) return "command";
  return addressedByName(content, options.botUserId, options.names) ? "addressed" : "not-for-minou";
}

/** Whether the top-level content reads as a command or as words to Minou, its relation aside (for an edit: what its fallback body says). */
export function readsAsCommand(content: unknown, options: AddressingOptions): boolean {
  if (!isObject(content) || content["msgtype"] !== "m.text") return false;
  const { "m.relates_to": _relation, ...message } = content;
  return visibleStart(message)?.startsWith(options.prefix) === true || addressedByName(message, options.botUserId, options.names);
}

// Right-to-left embedding, override and isolate: invisible themselves, but they move the prefix
// to the end of what follows ("!aide" shows as "aide!"), so a reader may not see a command.
const RIGHT_TO_LEFT_CONTROLS = /[\u202B\u202E\u2067]/u;

/** A right-to-left control stands among the invisible marks before the prefix. */
export function isBehindRightToLeftControl(content: Record<string, unknown>): boolean {
  const body = content["body"];
  if (typeof body !== "string") return false;
  const leading = LEADING_INVISIBLE.exec(withoutReplyFallback(body, content))?.[0] ?? "";
  return RIGHT_TO_LEFT_CONTROLS.test(leading);
}

/** Nothing after the prefix but blanks and invisible marks. */
export function isBarePrefix(content: Record<string, unknown>, prefix: string): boolean {
  const start = visibleStart(content);
  return start !== undefined && start.startsWith(prefix) && start.slice(prefix.length).replace(INVISIBLE, "").trim() === "";
}

/** Edit outcomes that sent a reply to the original message (dispatcher `prepareEdit`). */
export const REPLYING_EDIT_OUTCOMES: ReadonlySet<string> = new Set([
  "edit-explained",
  "edit-answered",
  "edit-unknown",
  "edit-refused",
  "edit-bad-arguments",
  "edit-error",
  "edit-flood-warned",
]);

/** The event a Minou message replies to (m.relates_to.m.in_reply_to), if it is a reply and not an edit. */
export function repliedTo(content: Record<string, unknown>): string | undefined {
  const relation = content["m.relates_to"];
  if (!isObject(relation) || relation["rel_type"] === "m.replace") return undefined;
  const inReplyTo = relation["m.in_reply_to"];
  return isObject(inReplyTo) && typeof inReplyTo["event_id"] === "string" ? inReplyTo["event_id"] : undefined;
}
