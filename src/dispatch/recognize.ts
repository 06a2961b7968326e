import { fold } from "./fold.ts";

export interface AddressOptions {
  readonly prefix: string;
  /** Names Minou answers to ("Minou : aide"), besides its user id and localpart. */
  readonly names: readonly string[];
  readonly botUserId: string;
}

/**
 * The command a message asks Minou for, without its prefix or the name it was addressed by, or
 * undefined when the message is not for Minou. "!aide", "Minou : aide", "@minou:exemple.fr aide"
 * and a mention pill all give "aide"; "Minou ?" alone gives "aide".
 */
export function recognizeCommand(content: Record<string, unknown>, options: AddressOptions): string | undefined {
  if (content["msgtype"] !== "m.text" || typeof content["body"] !== "string") return undefined;
  const text = stripReplyFallback(content["body"], content).trim();
  if (text.startsWith(options.prefix)) {
    const line = text.slice(options.prefix.length).trim();
    return line === "" ? undefined : line;
  }
  const rest = afterAddress(text, options);
  if (rest === undefined) return undefined;
  const line = (rest.startsWith(options.prefix) ? rest.slice(options.prefix.length) : rest).trim();
  return line === "" ? "aide" : line;
}

function afterAddress(text: string, options: AddressOptions): string | undefined {
  const localpart = options.botUserId.slice(1).split(":")[0] ?? "";
  const candidates = [options.botUserId, `@${localpart}`, localpart, ...options.names]
    .filter((name) => name !== "")
    .sort((a, b) => b.length - a.length);
  const folded = fold(text);
  for (const name of candidates) {
    const foldedName = fold(name);
    if (!folded.startsWith(foldedName)) continue;
    const after = text.slice(name.length);
    // "Minouche" is not "Minou": the name must end the message or be followed by a separator.
    if (after !== "" && !/^[\s:,.!?;]/u.test(after)) continue;
    return after.replace(/^[\s:,.!?;]+/u, "");
  }
  return undefined;
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
