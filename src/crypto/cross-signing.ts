import { KeysUploadRequest } from "@matrix-org/matrix-sdk-crypto-wasm";
import type { OlmEngine } from "./olm-engine.ts";
import { fetchJson, HomeserverError } from "./fetch-request.ts";

export interface CrossSigningAccount {
  readonly homeserverUrl: string;
  readonly accessToken: string;
  readonly userId: string;
  readonly password: string;
}

/**
 * Gives Minou's account a cross-signing identity that signs its device, so that members whose
 * Element accepts only cross-signed devices ("exclude insecure devices", MSC4153) still share
 * their room keys with Minou and read its messages. Uploading the signing keys needs the account's
 * password (user-interactive auth, m.login.password: Synapse asks for it every time).
 * Resolves to false when this device already holds the identity's private keys.
 */
export async function bootstrapCrossSigning(engine: OlmEngine, account: CrossSigningAccount): Promise<boolean> {
  // The device's own keys first: the identity signs them.
  await engine.processOutgoingRequests();
  const status = await engine.call((machine) => machine.crossSigningStatus());
  if (status.hasMaster && status.hasSelfSigning && status.hasUserSigning) return false;
  const requests = await engine.call((machine) => machine.bootstrapCrossSigning(true));
  const uploadKeys: unknown = requests.uploadKeysRequest;
  if (uploadKeys instanceof KeysUploadRequest) await engine.send(uploadKeys);
  await uploadSigningKeys(account, JSON.parse(requests.uploadSigningKeysRequest.body) as Record<string, unknown>);
  await engine.send(requests.uploadSignaturesRequest);
  return true;
}

const SIGNING_KEYS_PATH = "/_matrix/client/v3/keys/device_signing/upload";

async function uploadSigningKeys(account: CrossSigningAccount, body: Record<string, unknown>): Promise<void> {
  const { homeserverUrl, accessToken, userId, password } = account;
  let session: unknown;
  try {
    await fetchJson(homeserverUrl, accessToken, "POST", SIGNING_KEYS_PATH, body);
    return;
  } catch (error) {
    // 401 with the flows and a session: the homeserver wants the password (spec: "User-Interactive Authentication API").
    if (!(error instanceof HomeserverError) || error.statusCode !== 401) throw error;
    session = error.body["session"];
  }
  const auth = { type: "m.login.password", identifier: { type: "m.id.user", user: userId }, password, ...(typeof session === "string" ? { session } : {}) };
  await fetchJson(homeserverUrl, accessToken, "POST", SIGNING_KEYS_PATH, { ...body, auth });
}
