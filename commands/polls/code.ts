import { randomInt } from "node:crypto";

// No 0/O, 1/I/L: codes are typed by hand from a phone.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A short code for voting privately in an anonymous poll. */
export function newPollCode(): string {
  return Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}
