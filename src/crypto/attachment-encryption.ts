import { createCipheriv, createHash, randomBytes } from "node:crypto";

/** The `file` object of an encrypted attachment (spec: "Sending encrypted attachments"), without its url. */
export interface EncryptedFileInfo {
  readonly key: { readonly kty: "oct"; readonly key_ops: readonly ["encrypt", "decrypt"]; readonly alg: "A256CTR"; readonly k: string; readonly ext: true };
  readonly iv: string;
  readonly hashes: { readonly sha256: string };
  readonly v: "v2";
}

const unpadded = (bytes: Buffer): string => bytes.toString("base64").replace(/=+$/, "");
const base64Url = (bytes: Buffer): string => bytes.toString("base64url");

/**
 * AES-256-CTR with a fresh key and a 64-bit random IV whose counter half starts at zero (the spec
 * asks for it, so that clients with a 64-bit counter can decrypt), SHA-256 of the ciphertext.
 */
export function encryptAttachment(data: Buffer): { ciphertext: Buffer; info: EncryptedFileInfo } {
  const key = randomBytes(32);
  const iv = Buffer.concat([randomBytes(8), Buffer.alloc(8)]);
  const cipher = createCipheriv("aes-256-ctr", key, iv);
  const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
  return {
    ciphertext,
    info: {
      key: { kty: "oct", key_ops: ["encrypt", "decrypt"], alg: "A256CTR", k: base64Url(key), ext: true },
      iv: unpadded(iv),
      hashes: { sha256: unpadded(createHash("sha256").update(ciphertext).digest()) },
      v: "v2",
    },
  };
}
