// Lone UTF-16 surrogates. JSON can carry one as an escape ("\ud83d", which is what JSON.stringify
// writes for one) and Python's json module decodes it, as JSON.parse does, into a string that has
// no UTF-8 form. Synapse 1.67 checks for none; it fails where it must encode the string: when it
// hashes a new event (canonicaljson's encode_canonical_json, in add_hashes_and_signatures) and
// when it stores a filter or a profile field. The UnicodeEncodeError ("surrogates not allowed")
// is unhandled: 500 {"errcode":"M_UNKNOWN","error":"Internal server error"}. Seen on a running
// 1.67 (see README, "Lone surrogates").
import { MatrixError } from "./errors.ts";

/** With the `u` flag a valid pair is one code point, so only a surrogate on its own matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Whether a string, object key or array item anywhere in `value` holds a lone surrogate. */
export function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === "string") return LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).some(([key, item]) => LONE_SURROGATE.test(key) || hasLoneSurrogate(item));
  }
  return false;
}

/** Synapse's answer to a value it cannot encode as UTF-8. */
export function unencodable(): MatrixError {
  return new MatrixError(500, "M_UNKNOWN", "Internal server error");
}

/** Throws Synapse's 500 when any of `values` holds a lone surrogate. */
export function requireEncodable(...values: unknown[]): void {
  if (values.some(hasLoneSurrogate)) throw unencodable();
}
