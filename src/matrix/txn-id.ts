import { createHash } from "node:crypto";

/**
 * The transaction id of the `index`-th message caused by `cause` (an event id, "reminder:12"…).
 * The same cause always gives the same id, so a message re-sent after a crash is recognised by
 * the homeserver as the one it already has (spec: "Transaction identifiers").
 */
export function txnIdFor(cause: string, index = 0): string {
  const digest = createHash("sha256").update(`${cause}\u0000${index}`).digest("base64url");
  return `minou.${digest.slice(0, 32)}`;
}
