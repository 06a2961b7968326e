// Ed25519 signatures on JSON objects (spec: Appendices, "Signing JSON"): the signature covers the
// canonical JSON of the object without `signatures` and `unsigned`. Synapse checks them with
// signedjson's verify_signed_json on cross-signing keys and uploaded signatures.
import { createPublicKey, verify } from "node:crypto";
import { canonicalJson } from "./rooms.ts";
import { isJsonObject, type JsonObject } from "./types.ts";

/** Matrix uses unpadded standard base64; Node decodes it with or without padding. */
const decodeBase64 = (value: string): Buffer => Buffer.from(value, "base64");

/** The bytes a signature covers. */
export function signingPayload(object: JsonObject): Buffer {
  const { signatures: _signatures, unsigned: _unsigned, ...signed } = object;
  return Buffer.from(canonicalJson(signed), "utf8");
}

/**
 * True when `object.signatures[signer][keyId]` is a valid ed25519 signature by `publicKey`
 * (unpadded base64). A missing signature is false, as signedjson raises for it.
 */
export function hasValidSignature(object: JsonObject, signer: string, keyId: string, publicKey: string): boolean {
  const bySigner = isJsonObject(object["signatures"]) ? object["signatures"][signer] : undefined;
  const signature = isJsonObject(bySigner) ? bySigner[keyId] : undefined;
  if (typeof signature !== "string" || !keyId.startsWith("ed25519:")) return false;
  try {
    const raw = decodeBase64(publicKey);
    if (raw.length !== 32) return false;
    const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") }, format: "jwk" });
    return verify(null, signingPayload(object), key, decodeBase64(signature));
  } catch {
    return false;
  }
}

/**
 * Synapse's get_verify_key_from_cross_signing_key: a cross-signing key has exactly one entry in
 * `keys`, `ed25519:<public key>` → public key. `version` (the part after "ed25519:") is the ID
 * under which the key is signed and stored, like a device ID.
 */
export function crossSigningPublicKey(key: JsonObject): { keyId: string; version: string; publicKey: string } | undefined {
  const keys = key["keys"];
  if (!isJsonObject(keys)) return undefined;
  const entries = Object.entries(keys);
  const first = entries[0];
  if (entries.length !== 1 || first === undefined) return undefined;
  const [keyId, publicKey] = first;
  if (!keyId.startsWith("ed25519:") || typeof publicKey !== "string") return undefined;
  return { keyId, version: keyId.slice("ed25519:".length), publicKey };
}
