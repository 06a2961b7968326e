// Cross-signing keys and the signatures uploaded on keys (spec: "Cross-signing"), as Synapse
// 1.67 checks and stores them: synapse/handlers/e2e_keys.py upload_signing_keys_for_user and
// upload_signatures_for_device_keys; end_to_end_keys.py for which signatures a query shows.
import type { DeviceLists } from "./device-lists.ts";
import type { E2eKeys } from "./e2e-keys.ts";
import { MatrixError } from "./errors.ts";
import { canonicalJson } from "./rooms.ts";
import { crossSigningPublicKey, hasValidSignature } from "./signed-json.ts";
import { isJsonObject, type JsonObject } from "./types.ts";

export type CrossSigningKeyType = "master" | "self_signing" | "user_signing";

interface StoredSignature {
  readonly signer: string;
  readonly keyId: string;
  readonly signature: unknown;
}

/** A failed signature, as Synapse's _exception_to_failure reports it. */
type Failure = { status: number; errcode: string; message: string };
type Failures = Record<string, Record<string, Failure>>;

const failure = (error: MatrixError): Failure => ({ status: error.status, errcode: error.errcode, message: error.message });
const invalidSignature = (): MatrixError => new MatrixError(400, "M_INVALID_SIGNATURE", "Invalid signature");
const notFound = (message: string): MatrixError => new MatrixError(404, "M_NOT_FOUND", message);

export class CrossSigning {
  private readonly keys = new Map<string, Map<CrossSigningKeyType, JsonObject>>();
  /** "user|target" (a device ID or a cross-signing public key) → signatures made on it. */
  private readonly signatures = new Map<string, StoredSignature[]>();

  constructor(
    private readonly e2eKeys: E2eKeys,
    private readonly deviceLists: DeviceLists,
    private readonly devicesOf: (userId: string) => Iterable<string>,
  ) {}

  /**
   * A user's key as a query from `viewer` shows it: the uploaded key plus the signatures the
   * viewer made on it (Synapse shows nobody else's, not even the owner's device signatures).
   */
  key(userId: string, type: CrossSigningKeyType, viewer?: string): JsonObject | undefined {
    const stored = this.keys.get(userId)?.get(type);
    if (!stored) return undefined;
    const key = structuredClone(stored);
    const target = crossSigningPublicKey(key)?.version;
    if (viewer !== undefined && target !== undefined) mergeSignatures(key, this.signaturesOn(userId, target, viewer));
    return key;
  }

  /** Device keys as a query shows them: with the signatures their owner's self-signing key made. */
  signedDeviceKeys(userId: string, deviceId: string): JsonObject | undefined {
    const keys = this.e2eKeys.deviceKeys(userId, deviceId);
    if (keys) mergeSignatures(keys, this.signaturesOn(userId, deviceId, userId));
    return keys;
  }

  /** POST /keys/device_signing/upload, once user-interactive auth has passed. */
  uploadSigningKeys(userId: string, body: JsonObject): void {
    const newMaster = body["master_key"];
    const master = newMaster === undefined ? this.keys.get(userId)?.get("master") : checkKey(newMaster, userId, "master");
    if (!master) throw new MatrixError(400, "M_MISSING_PARAM", "No master key available");
    const masterKey = crossSigningPublicKey(master);
    if (!masterKey) throw new MatrixError(400, "M_INVALID_PARAM", "Invalid master key");
    const updates: Array<[CrossSigningKeyType, JsonObject]> = [];
    if (newMaster !== undefined) updates.push(["master", master]);
    for (const [field, type] of [["self_signing_key", "self_signing"], ["user_signing_key", "user_signing"]] as const) {
      const value = body[field];
      if (value === undefined) continue;
      const key = checkKey(value, userId, type);
      if (!hasValidSignature(key, userId, masterKey.keyId, masterKey.publicKey)) {
        throw new MatrixError(400, "M_INVALID_SIGNATURE", `Invalid signature on ${type} key`);
      }
      updates.push([type, key]);
    }
    const stored = this.keys.get(userId) ?? new Map<CrossSigningKeyType, JsonObject>();
    for (const [type, key] of updates) stored.set(type, structuredClone(key));
    this.keys.set(userId, stored);
    if (updates.some(([type]) => type === "user_signing")) this.deviceLists.signaturesChanged(userId, [userId]);
    if (updates.some(([type]) => type !== "user_signing")) this.deviceLists.devicesChanged(userId);
  }

  /** POST /keys/signatures/upload: `{user: {device ID or key: signed object}}`. */
  uploadSignatures(userId: string, body: JsonObject): { failures: Failures } {
    const failures: Failures = {};
    const own = body[userId];
    let ownSigned: string[] = [];
    if (own !== undefined && !(isJsonObject(own) && Object.keys(own).length === 0)) {
      if (!isJsonObject(own)) throw new MatrixError(400, "M_INVALID_PARAM", "Invalid parameter");
      ownSigned = this.signOwnKeys(userId, own, failures);
    }
    const others = Object.entries(body).filter(([target]) => target !== userId);
    const signedUsers = others.length > 0 ? this.signOthersMasterKeys(userId, others, failures) : [];
    if (ownSigned.length > 0) this.deviceLists.devicesChanged(userId);
    this.deviceLists.signaturesChanged(userId, signedUsers);
    return { failures };
  }

  /** Own devices signed by the self-signing key, and the master key signed by a device. */
  private signOwnKeys(userId: string, signed: JsonObject, failures: Failures): string[] {
    const selfSigning = this.keys.get(userId)?.get("self_signing");
    const master = this.keys.get(userId)?.get("master");
    const deviceIds = [...this.devicesOf(userId)].filter((id) => this.e2eKeys.deviceKeys(userId, id) !== undefined);
    const missing = !selfSigning
      ? `No self_signing key found for ${userId}`
      : !master
        ? `No master key found for ${userId}`
        : deviceIds.length === 0
          ? "No device keys found"
          : undefined;
    const selfSigningKey = selfSigning && crossSigningPublicKey(selfSigning);
    const masterKey = master && crossSigningPublicKey(master);
    if (missing !== undefined || !selfSigningKey || !masterKey || !master) {
      const error = failure(notFound(missing ?? "Invalid key"));
      failures[userId] = Object.fromEntries(Object.keys(signed).map((id) => [id, error]));
      return [];
    }
    const accepted: Array<{ target: string; signatures: StoredSignature[] }> = [];
    for (const [targetId, object] of Object.entries(signed)) {
      if (!isJsonObject(object)) throw new MatrixError(400, "M_INVALID_PARAM", "Invalid parameter");
      try {
        const mine = isJsonObject(object["signatures"]) ? object["signatures"][userId] : undefined;
        if (!isJsonObject(mine)) throw invalidSignature();
        if (targetId === masterKey.version) {
          accepted.push({ target: targetId, signatures: this.checkMasterSignedByDevices(userId, object, mine, master) });
          continue;
        }
        if (!(selfSigningKey.keyId in mine)) throw invalidSignature();
        const stored = this.signedDeviceKeys(userId, targetId);
        if (!stored) throw notFound("Unknown device");
        const existing = stored["signatures"];
        if (isJsonObject(existing) && isJsonObject(existing[userId]) && selfSigningKey.keyId in existing[userId]) continue;
        checkSignedCopy(object, stored, userId, selfSigningKey.keyId, selfSigningKey.publicKey);
        accepted.push({ target: targetId, signatures: [{ signer: userId, keyId: selfSigningKey.keyId, signature: mine[selfSigningKey.keyId] }] });
      } catch (error) {
        if (!(error instanceof MatrixError)) throw error;
        (failures[userId] ??= {})[targetId] = failure(error);
      }
    }
    for (const { target, signatures } of accepted) this.store(userId, target, signatures);
    return accepted.map(({ target }) => target);
  }

  /** Synapse's _check_master_key_signature: every signature on it must be by one of the user's devices. */
  private checkMasterSignedByDevices(userId: string, object: JsonObject, mine: JsonObject, master: JsonObject): StoredSignature[] {
    const signatures: StoredSignature[] = [];
    for (const [keyId, signature] of Object.entries(mine)) {
      const deviceId = keyId.slice(keyId.indexOf(":") + 1);
      const deviceKeys = this.e2eKeys.deviceKeys(userId, deviceId)?.["keys"];
      const publicKey = isJsonObject(deviceKeys) ? deviceKeys[keyId] : undefined;
      if (typeof publicKey !== "string") throw invalidSignature();
      checkSignedCopy(object, master, userId, keyId, publicKey);
      signatures.push({ signer: userId, keyId, signature });
    }
    return signatures;
  }

  /** Other users' master keys signed by the uploader's user-signing key. */
  private signOthersMasterKeys(userId: string, entries: Array<[string, unknown]>, failures: Failures): string[] {
    const userSigning = this.keys.get(userId)?.get("user_signing");
    const userSigningKey = userSigning && crossSigningPublicKey(userSigning);
    if (!userSigningKey) {
      const error = failure(notFound(`No user_signing key found for ${userId}`));
      for (const [target, devices] of entries) failures[target] = Object.fromEntries(Object.keys(isJsonObject(devices) ? devices : {}).map((id) => [id, error]));
      return [];
    }
    const signedUsers: string[] = [];
    for (const [target, devices] of entries) {
      if (!isJsonObject(devices) || !Object.values(devices).every(isJsonObject)) throw new MatrixError(400, "M_INVALID_PARAM", "Invalid parameter");
      const master = this.key(target, "master", userId);
      const masterKey = master && crossSigningPublicKey(master);
      if (!master || !masterKey || !isJsonObject(devices[masterKey.version])) {
        const error = failure(notFound(master ? "Unknown device" : `No master key found for ${target}`));
        failures[target] = Object.fromEntries(Object.keys(devices).map((id) => [id, error]));
        continue;
      }
      for (const other of Object.keys(devices)) if (other !== masterKey.version) (failures[target] ??= {})[other] = failure(notFound("Unknown device"));
      const signedMaster = devices[masterKey.version] as JsonObject;
      const existing = master["signatures"];
      if (isJsonObject(existing) && isJsonObject(existing[userId]) && userSigningKey.keyId in existing[userId]) continue;
      try {
        checkSignedCopy(signedMaster, master, userId, userSigningKey.keyId, userSigningKey.publicKey);
        const mine = (signedMaster["signatures"] as JsonObject)[userId] as JsonObject;
        this.store(target, masterKey.version, [{ signer: userId, keyId: userSigningKey.keyId, signature: mine[userSigningKey.keyId] }]);
        signedUsers.push(target);
      } catch (error) {
        if (!(error instanceof MatrixError)) throw error;
        (failures[target] ??= {})[masterKey.version] = failure(error);
      }
    }
    return signedUsers;
  }

  private signaturesOn(userId: string, targetId: string, signer: string): StoredSignature[] {
    return (this.signatures.get(`${userId}|${targetId}`) ?? []).filter((signature) => signature.signer === signer);
  }

  private store(userId: string, targetId: string, signatures: StoredSignature[]): void {
    const key = `${userId}|${targetId}`;
    this.signatures.set(key, [...(this.signatures.get(key) ?? []), ...signatures]);
  }
}

/** Synapse's _check_cross_signing_key: the owner, the usage and exactly one public key. */
function checkKey(value: unknown, userId: string, type: CrossSigningKeyType): JsonObject {
  const usage = isJsonObject(value) ? value["usage"] : undefined;
  const keys = isJsonObject(value) ? value["keys"] : undefined;
  if (!isJsonObject(value) || value["user_id"] !== userId || !Array.isArray(usage) || !usage.includes(type) || !isJsonObject(keys) || Object.keys(keys).length !== 1) {
    throw new MatrixError(400, "M_INVALID_PARAM", `Invalid ${type} key`);
  }
  return value;
}

/** Synapse's _check_device_signature: the signed copy is the stored object, and the signature holds. */
function checkSignedCopy(signed: JsonObject, stored: JsonObject, signer: string, keyId: string, publicKey: string): void {
  const strip = ({ signatures: _signatures, unsigned: _unsigned, ...rest }: JsonObject): string => canonicalJson(rest);
  if (strip(signed) !== strip(stored)) throw new MatrixError(400, "M_UNKNOWN", "Key does not match");
  if (!hasValidSignature(signed, signer, keyId, publicKey)) throw invalidSignature();
}

function mergeSignatures(object: JsonObject, signatures: readonly StoredSignature[]): void {
  if (signatures.length === 0) return;
  const all = isJsonObject(object["signatures"]) ? object["signatures"] : {};
  for (const { signer, keyId, signature } of signatures) {
    const bySigner = isJsonObject(all[signer]) ? all[signer] : {};
    bySigner[keyId] = signature;
    all[signer] = bySigner;
  }
  object["signatures"] = all;
}
