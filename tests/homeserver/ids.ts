// Identifier generation. Room versions 4+ use URL-safe base64 event IDs without a server name
// (spec: rooms/v4 "Event IDs"); random bytes have the same shape as the reference hashes.
import { randomBytes } from "node:crypto";
import { MatrixError } from "./errors.ts";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function randomLetters(length: number, alphabet = LETTERS): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

export const newEventId = (): string => `$${randomBytes(32).toString("base64url")}`;
export const newRoomId = (serverName: string): string => `!${randomLetters(18)}:${serverName}`;
export const newDeviceId = (): string => randomLetters(10, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
export const newAccessToken = (): string => `syt_${randomBytes(24).toString("base64url")}`;
export const newMediaId = (): string => randomLetters(24);

/** Spec "User Identifiers": localparts are lower-case a-z, 0-9, `.`, `_`, `=`, `-`, `/`, `+`. */
export const LOCALPART_PATTERN = /^[a-z0-9._=\-/+]+$/;
const USER_ID_PATTERN = /^@[^:\s]+:[^\s]+$/;

export function isUserId(value: unknown): value is string {
  return typeof value === "string" && USER_ID_PATTERN.test(value);
}

export function serverNameOf(id: string): string {
  return id.slice(id.indexOf(":") + 1);
}

/** Synapse's UserID.from_string, with its 400 texts, for user IDs that key a request body. */
export function requireUserId(value: string): string {
  if (!value.startsWith("@")) throw new MatrixError(400, "M_INVALID_PARAM", "Expected UserID string to start with '@'");
  if (!value.slice(1).includes(":")) throw new MatrixError(400, "M_INVALID_PARAM", "Expected UserID of the form '@localname:domain'");
  return value;
}
