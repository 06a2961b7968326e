import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";

export const STORE_KEY_ENV = "MINOU_CRYPTO_STORE_KEY";
export const storeKeyPath = (dataDirectory: string): string => join(dataDirectory, "crypto-store-key");

export class StoreKeyError extends Error {}

function decode(text: string, where: string): Uint8Array {
  const bytes = Buffer.from(text.trim(), "base64");
  if (bytes.length !== 32) throw new StoreKeyError(`${where} : clé du magasin de chiffrement invalide (32 octets en base64 attendus).`);
  return new Uint8Array(bytes);
}

/**
 * The key that encrypts Minou's crypto store: MINOU_CRYPTO_STORE_KEY (base64, 32 bytes) or the
 * file crypto-store-key in the data directory, created (owner-only) with a random key the first
 * time. Without it a store that already holds keys cannot be opened: refuse rather than start
 * a new device silently.
 */
export function loadStoreKey(dataDirectory: string, storeHasKeys: boolean, env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const fromEnv = env[STORE_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== "") return decode(fromEnv, STORE_KEY_ENV);
  const path = storeKeyPath(dataDirectory);
  if (existsSync(path)) return decode(readFileSync(path, "utf8"), path);
  if (storeHasKeys) {
    throw new StoreKeyError(
      `La clé du magasin de chiffrement est introuvable (${path} ou ${STORE_KEY_ENV}) alors que la base contient les clés de Minou. ` +
        "Restaurez ce fichier depuis votre sauvegarde ; sans lui, Minou ne peut plus lire les salons chiffrés.",
    );
  }
  const key = randomBytes(32);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  return new Uint8Array(key);
}
