// Real ed25519 keys and signed JSON for the raw-HTTP end-to-end tests: the server checks
// signatures on cross-signing keys and uploaded signatures as Synapse does, so fakes won't do.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { signingPayload } from "./signed-json.ts";
import type { JsonObject } from "./types.ts";

const unpadded = (bytes: Buffer): string => bytes.toString("base64").replace(/=+$/, "");

export class SigningKey {
  private constructor(
    private readonly privateKey: KeyObject,
    /** Unpadded base64, as Matrix writes keys. */
    readonly publicKey: string,
  ) {}

  static generate(): SigningKey {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const jwk = publicKey.export({ format: "jwk" });
    return new SigningKey(privateKey, unpadded(Buffer.from(jwk.x ?? "", "base64url")));
  }

  /** A copy of `object` with this key's signature added under `signatures[signer][keyId]`. */
  sign<T extends JsonObject>(object: T, signer: string, keyId = `ed25519:${this.publicKey}`): T {
    const signature = unpadded(sign(null, signingPayload(object), this.privateKey));
    const copy = structuredClone(object) as JsonObject;
    const signatures = (copy["signatures"] ?? {}) as Record<string, Record<string, string>>;
    signatures[signer] = { ...signatures[signer], [keyId]: signature };
    copy["signatures"] = signatures;
    return copy as T;
  }
}

/** A device's identity keys, self-signed with its ed25519 key, as an Olm account uploads them. */
export function deviceKeys(userId: string, deviceId: string, key: SigningKey): JsonObject {
  const keys = {
    user_id: userId,
    device_id: deviceId,
    algorithms: ["m.olm.v1.curve25519-aes-sha2", "m.megolm.v1.aes-sha2"],
    keys: { [`curve25519:${deviceId}`]: unpadded(Buffer.from(`curve-${deviceId}`.padEnd(32, "x"))), [`ed25519:${deviceId}`]: key.publicKey },
  };
  return key.sign(keys, userId, `ed25519:${deviceId}`);
}

/** A cross-signing key of `usage`, signed by `signedBy` (the master key) when given. */
export function crossSigningKey(userId: string, usage: "master" | "self_signing" | "user_signing", key: SigningKey, signedBy?: SigningKey): JsonObject {
  const object = { user_id: userId, usage: [usage], keys: { [`ed25519:${key.publicKey}`]: key.publicKey } };
  return signedBy ? signedBy.sign(object, userId) : object;
}

/** The three cross-signing keys of a user, ready for POST /keys/device_signing/upload. */
export function crossSigningKeys(userId: string): { master: SigningKey; selfSigning: SigningKey; userSigning: SigningKey; body: JsonObject } {
  const master = SigningKey.generate();
  const selfSigning = SigningKey.generate();
  const userSigning = SigningKey.generate();
  const body = {
    master_key: crossSigningKey(userId, "master", master),
    self_signing_key: crossSigningKey(userId, "self_signing", selfSigning, master),
    user_signing_key: crossSigningKey(userId, "user_signing", userSigning, master),
  };
  return { master, selfSigning, userSigning, body };
}
