// Per-device end-to-end keys: device identity keys, one-time keys and fallback keys, as Synapse
// 1.67 stores them (synapse/handlers/e2e_keys.py upload_keys_for_user, claim_one_time_keys;
// synapse/storage/databases/main/end_to_end_keys.py). Cross-signing lives in cross-signing.ts.
import { MatrixError } from "./errors.ts";
import { pythonRepr } from "./python-repr.ts";
import { canonicalJson } from "./rooms.ts";
import { isJsonObject, type JsonObject } from "./types.ts";

interface StoredKey {
  readonly keyId: string;
  readonly key: unknown;
  readonly canonical: string;
}

interface FallbackKey extends StoredKey {
  used: boolean;
}

interface DeviceKeyState {
  deviceKeys: { readonly keys: JsonObject; readonly canonical: string } | undefined;
  /** algorithm → key ID → key, in upload order (Synapse claims with `LIMIT 1` and no ORDER BY). */
  readonly oneTimeKeys: Map<string, Map<string, StoredKey>>;
  readonly fallbackKeys: Map<string, FallbackKey>;
}

/** Synapse's default: the count always includes signed_curve25519, even at 0. */
const ALWAYS_COUNTED_ALGORITHM = "signed_curve25519";

export class E2eKeys {
  private readonly devices = new Map<string, DeviceKeyState>();

  private state(userId: string, deviceId: string): DeviceKeyState {
    const key = `${userId}|${deviceId}`;
    let state = this.devices.get(key);
    if (!state) {
      state = { deviceKeys: undefined, oneTimeKeys: new Map(), fallbackKeys: new Map() };
      this.devices.set(key, state);
    }
    return state;
  }

  /** `onDeviceKeysChanged` marks a device-list change (Synapse: notify_device_update). */
  constructor(private readonly onDeviceKeysChanged: (userId: string, deviceId: string) => void) {}

  /**
   * POST /keys/upload, in Synapse 1.67's order: `device_keys` are stored as given under the
   * session's device (it checks neither their user_id nor their device_id) and count as a change
   * only when their canonical JSON differs; then the one-time keys, all checked before any is
   * stored (so a conflict answers 400 after the device keys were already saved, as in Synapse);
   * then the fallback keys.
   */
  upload(userId: string, deviceId: string, body: JsonObject): void {
    const state = this.state(userId, deviceId);
    const deviceKeys = body["device_keys"];
    if (isJsonObject(deviceKeys) && Object.keys(deviceKeys).length > 0) {
      const canonical = canonicalJson(deviceKeys);
      if (state.deviceKeys?.canonical !== canonical) {
        state.deviceKeys = { keys: structuredClone(deviceKeys), canonical };
        this.onDeviceKeysChanged(userId, deviceId);
      }
    }
    const oneTimeKeys = body["one_time_keys"];
    if (isJsonObject(oneTimeKeys)) {
      for (const stored of this.checkOneTimeKeys(state, oneTimeKeys)) {
        const [algorithm] = splitKeyId(stored.keyId, false);
        const byId = state.oneTimeKeys.get(algorithm) ?? new Map<string, StoredKey>();
        byId.set(stored.keyId, stored);
        state.oneTimeKeys.set(algorithm, byId);
      }
    }
    // Synapse: `fallback_keys` or, failing that, the unstable MSC2732 name.
    const fallbackKeys = nonEmpty(body["fallback_keys"]) ?? nonEmpty(body["org.matrix.msc2732.fallback_keys"]);
    if (isJsonObject(fallbackKeys)) this.setFallbackKeys(state, fallbackKeys);
  }

  private checkOneTimeKeys(state: DeviceKeyState, keys: JsonObject): StoredKey[] {
    const fresh: StoredKey[] = [];
    for (const [fullId, key] of Object.entries(keys)) {
      const [algorithm, id] = splitKeyId(fullId, false);
      const existing = state.oneTimeKeys.get(algorithm)?.get(`${algorithm}:${id}`);
      if (existing) {
        if (!oneTimeKeysMatch(existing.key, key)) {
          // Synapse's exact text: the old key as stored (canonical JSON), the new one as a Python repr.
          throw new MatrixError(
            400,
            "M_UNKNOWN",
            `One time key ${algorithm}:${id} already exists. Old key: ${existing.canonical}; new key: ${pythonRepr(key)}`,
          );
        }
      } else {
        fresh.push({ keyId: `${algorithm}:${id}`, key: structuredClone(key), canonical: canonicalJson(key) });
      }
    }
    return fresh;
  }

  /** Replaces the key for each algorithm, unused again, unless it is the very same key (Synapse keeps `used` then). */
  private setFallbackKeys(state: DeviceKeyState, keys: JsonObject): void {
    for (const [fullId, key] of Object.entries(keys)) {
      const [algorithm] = splitKeyId(fullId, true);
      const canonical = canonicalJson(key);
      if (state.fallbackKeys.get(algorithm)?.canonical === canonical) continue;
      state.fallbackKeys.set(algorithm, { keyId: fullId, key: structuredClone(key), canonical, used: false });
    }
  }

  deviceKeys(userId: string, deviceId: string): JsonObject | undefined {
    const keys = this.devices.get(`${userId}|${deviceId}`)?.deviceKeys?.keys;
    return keys ? structuredClone(keys) : undefined;
  }

  /** Synapse's count_e2e_one_time_keys. */
  oneTimeKeyCounts(userId: string, deviceId: string): Record<string, number> {
    const counts: Record<string, number> = { [ALWAYS_COUNTED_ALGORITHM]: 0 };
    for (const [algorithm, keys] of this.devices.get(`${userId}|${deviceId}`)?.oneTimeKeys ?? []) {
      if (keys.size > 0) counts[algorithm] = keys.size;
    }
    return counts;
  }

  unusedFallbackKeyTypes(userId: string, deviceId: string): string[] {
    const types: string[] = [];
    for (const [algorithm, key] of this.devices.get(`${userId}|${deviceId}`)?.fallbackKeys ?? []) {
      if (!key.used) types.push(algorithm);
    }
    return types;
  }

  /**
   * POST /keys/claim for one device: the oldest one-time key of the algorithm, removed; when
   * none is left, the fallback key, which stays but is marked used.
   */
  claim(userId: string, deviceId: string, algorithm: string): { keyId: string; key: unknown } | undefined {
    const state = this.devices.get(`${userId}|${deviceId}`);
    if (!state) return undefined;
    const keys = state.oneTimeKeys.get(algorithm);
    const first = keys?.values().next().value;
    if (keys && first) {
      keys.delete(first.keyId);
      return { keyId: first.keyId, key: structuredClone(first.key) };
    }
    const fallback = state.fallbackKeys.get(algorithm);
    if (!fallback) return undefined;
    fallback.used = true;
    return { keyId: fallback.keyId, key: structuredClone(fallback.key) };
  }

  /** Synapse's delete_e2e_keys_by_device, when a device is deleted or logged out. */
  deleteDevice(userId: string, deviceId: string): void {
    this.devices.delete(`${userId}|${deviceId}`);
  }
}

/**
 * "algorithm:key_id". Synapse splits one-time key IDs with a bare `split(":")`, which fails on
 * anything but exactly one colon (a 500 there; a 400 here), and fallback key IDs at the first colon.
 */
function splitKeyId(fullId: string, atFirstColon: boolean): [string, string] {
  const parts = fullId.split(":");
  if (atFirstColon ? parts.length < 2 : parts.length !== 2) {
    throw new MatrixError(400, "M_INVALID_PARAM", `Invalid key ID ${fullId}: expected "algorithm:key_id"`);
  }
  const [algorithm = "", ...rest] = parts;
  return [algorithm, rest.join(":")];
}

/** Synapse's _one_time_keys_match: equal once the signatures are set aside. */
function oneTimeKeysMatch(oldKey: unknown, newKey: unknown): boolean {
  if (!isJsonObject(oldKey) || !isJsonObject(newKey)) return canonicalJson(oldKey) === canonicalJson(newKey);
  const { signatures: _old, ...oldRest } = oldKey;
  const { signatures: _new, ...newRest } = newKey;
  return canonicalJson(oldRest) === canonicalJson(newRest);
}

/** Python truthiness of a JSON value, for Synapse's `a or b`. */
function nonEmpty(value: unknown): unknown {
  if (value === undefined || value === null || value === false || value === 0 || value === "") return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  if (isJsonObject(value) && Object.keys(value).length === 0) return undefined;
  return value;
}
