import { unescapeHtml } from "../render/html-text.ts";
import { fold } from "./fold.ts";

export interface AddressOptions {
  readonly prefix: string;
  /** Names Minou answers to ("Minou : aide"), besides its user id and localpart. */
  readonly names: readonly string[];
  readonly botUserId: string;
}

/**
 * The command a message asks Minou for, without its prefix or the name it was addressed by, or
 * undefined when the message is not for Minou. "!aide", "Minou : aide", "Minou, aide",
 * "@minou:exemple.fr aide" and a mention pill ("Minou aide") all give "aide"; "Minou ?" alone
 * gives "aide". The name alone in a sentence ("Minou est super") is conversation, not a command.
 */
export function recognizeCommand(content: Record<string, unknown>, options: AddressOptions): string | undefined {
  if (content["msgtype"] !== "m.text" || typeof content["body"] !== "string") return undefined;
  const text = withoutInvisibleMarks(stripReplyFallback(content["body"], content)).replace(LEADING_FORMAT_CHARACTERS, "").trim();
  if (text.startsWith(options.prefix)) {
    const line = text.slice(options.prefix.length).trim();
    return line === "" ? undefined : line;
  }
  const rest = afterAddress(text, content, options);
  if (rest === undefined) return undefined;
  const line = (rest.startsWith(options.prefix) ? rest.slice(options.prefix.length) : rest).trim();
  return line === "" ? "aide" : line;
}

// Zero-width space, word joiner, byte order mark, the direction marks, embeddings and isolates of
// right-to-left typing, and control characters show nothing and mean nothing in a command;
// phones, copy-paste and some keyboards put them before the "!" or inside a word.
const MEANINGLESS_MARKS = /[\u200B\u2060\uFEFF\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]|[^\P{Cc}\t\n\r]/gu;
// The joiners (ZWNJ, ZWJ) matter between emoji (👩‍🌾) and in Arabic or Indic scripts, not next to
// Latin letters, digits, punctuation or spaces, where they are just as invisible.
const LATIN_NEIGHBOUR = String.raw`[\p{Script=Latin}\p{Nd}\p{P}\s]`;
const STRAY_JOINERS = new RegExp(String.raw`(?<=^|${LATIN_NEIGHBOUR})[\u200C\u200D]+|[\u200C\u200D]+(?=$|${LATIN_NEIGHBOUR})`, "gu");

// Before the prefix, any invisible format character goes (inside the line, some are part of what
// is written: the tags of a flag emoji 🏴, a soft hyphen).
const LEADING_FORMAT_CHARACTERS = /^[\s\p{Cf}]+/u;

function withoutInvisibleMarks(text: string): string {
  return text.replace(MEANINGLESS_MARKS, "").replace(STRAY_JOINERS, "");
}

interface AddressForm {
  readonly text: string;
  /** A mention (a pill, the Matrix ID typed out) is meant for Minou even without ":" or ",". */
  readonly mention: boolean;
}

function afterAddress(text: string, content: Record<string, unknown>, options: AddressOptions): string | undefined {
  const localpart = options.botUserId.slice(1).split(":")[0] ?? "";
  const pill = pillText(content, options.botUserId);
  const names = [localpart, ...options.names];
  const forms: AddressForm[] = [
    { text: options.botUserId, mention: true },
    { text: `@${localpart}`, mention: true },
    ...(pill === undefined ? [] : [pill, ...names].map((name) => ({ text: name, mention: true }))),
    ...names.map((name) => ({ text: name, mention: false })),
  ];
  const folded = fold(text);
  for (const form of forms.filter((candidate) => candidate.text.trim() !== "").sort((a, b) => b.text.length - a.text.length)) {
    if (!folded.startsWith(fold(form.text))) continue;
    const after = text.slice(form.text.length);
    // "@minou:ailleurs.fr" is another account, not "@minou" followed by ":".
    if (form.text.startsWith("@") && /^:\S/u.test(after)) continue;
    // "Minou : aide", "Minou, aide", and "Minou ?" alone, which asks what Minou can do.
    const separated = /^\s*[:,]\s*/u.exec(after) ?? /^\s*\?\s*$/u.exec(after);
    if (separated !== null) return after.slice(separated[0].length);
    // "Minouche" is not "Minou": the name must end there.
    if (form.mention && (after === "" || /^\s/u.test(after))) return after.trimStart();
  }
  return undefined;
}

/**
 * The text of a mention pill of Minou that starts the message, as Element writes it: its display
 * name in the body, a matrix.to link in formatted_body, and (since intentional mentions) Minou's
 * ID in m.mentions. Undefined when the message does not mention Minou.
 */
function pillText(content: Record<string, unknown>, botUserId: string): string | undefined {
  const html = typeof content["formatted_body"] === "string" ? content["formatted_body"] : "";
  const link = /^\s*<a\s[^>]*href\s*=\s*["']https:\/\/matrix\.to\/#\/([^"'?]+)[^"']*["'][^>]*>([^<]*)<\/a>/iu.exec(html);
  const linked = link !== null && safeDecode(link[1] ?? "") === botUserId;
  const mentions = content["m.mentions"] as { user_ids?: unknown } | undefined;
  const mentioned = Array.isArray(mentions?.user_ids) && mentions.user_ids.includes(botUserId);
  if (!linked && !mentioned) return undefined;
  return linked ? unescapeHtml(link[2] ?? "") : botUserId;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Older clients quote the message replied to at the top of the body ("> <@a:b> …"). */
function stripReplyFallback(body: string, content: Record<string, unknown>): string {
  const relation = content["m.relates_to"];
  const isReply = typeof relation === "object" && relation !== null && "m.in_reply_to" in relation;
  if (!isReply || !body.startsWith("> ")) return body;
  const lines = body.split("\n");
  let index = 0;
  while (index < lines.length && (lines[index] ?? "").startsWith(">")) index += 1;
  return lines.slice(index).join("\n");
}
