import type { MatrixEvent } from "../../storage/inbound-events-store.ts";

/** An edit (spec: "Event replacements"): the full corrected content, and the message it replaces. */
export interface Edit {
  readonly originalEventId: string;
  readonly newContent: Record<string, unknown>;
}

export function readEdit(event: MatrixEvent): Edit | undefined {
  const relation = event.content["m.relates_to"] as Record<string, unknown> | undefined;
  if (relation?.["rel_type"] !== "m.replace") return undefined;
  const originalEventId = relation["event_id"];
  const newContent = event.content["m.new_content"];
  if (typeof originalEventId !== "string" || typeof newContent !== "object" || newContent === null || Array.isArray(newContent)) return undefined;
  return { originalEventId, newContent: newContent as Record<string, unknown> };
}

/** The outcome a command keeps once Minou has said that editing it does not run it again. */
export const EDIT_EXPLAINED = "answered-edit-explained";

/**
 * What an edit of a command leads to, from what became of the command (its inbox outcome, which
 * each retry replaces, in the transaction that handles the edit: exactly once, restarts included).
 * - "retry": Minou did not carry it out (unknown command, wrong arguments, refused, failed and
 *   rolled back), so nothing was changed and the corrected command runs.
 * - "explain": it was carried out; running it again could do it twice (a second agenda event),
 *   so Minou only says, once, that an edit is not re-run.
 * - "ignore": said already, not a command (conversation, flooding), or forgotten since.
 */
export function editDecision(outcome: string | undefined): "retry" | "explain" | "ignore" {
  switch (outcome) {
    case "unknown":
    case "bad-arguments":
    case "refused":
    case "error":
      return "retry";
    case "answered":
      return "explain";
    default:
      return "ignore";
  }
}

/**
 * The command an edit asks for, as if sent again by its author: the corrected content, in the
 * original's thread or reply (m.new_content carries no relation; the original's stays in clear
 * even when it is encrypted).
 */
export function correctedCommand(edit: MatrixEvent, newContent: Record<string, unknown>, original: MatrixEvent): MatrixEvent {
  const relation = original.content["m.relates_to"];
  const { "m.relates_to": _ignored, ...content } = newContent;
  return { ...edit, content: relation === undefined ? content : { ...content, "m.relates_to": relation } };
}

/** The original as the reply target: its id and its thread, nothing of its text. */
export function replyTarget(original: MatrixEvent): MatrixEvent {
  const relation = original.content["m.relates_to"];
  return { ...original, content: relation === undefined ? {} : { "m.relates_to": relation } };
}
