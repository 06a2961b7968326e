import {
  KeysBackupRequest,
  KeysClaimRequest,
  KeysQueryRequest,
  KeysUploadRequest,
  RoomMessageRequest,
  SignatureUploadRequest,
  ToDeviceRequest,
  UploadSigningKeysRequest,
} from "@matrix-org/matrix-sdk-crypto-wasm";

/** What `OlmMachine.outgoingRequests()` hands out (the package does not export the union). */
export type OutgoingRequest = KeysUploadRequest | KeysQueryRequest | KeysClaimRequest | ToDeviceRequest | SignatureUploadRequest | RoomMessageRequest | KeysBackupRequest;

/** An authenticated JSON request to the homeserver (with Minou's retries); resolves to the body. */
export type HomeserverRequest = (method: "GET" | "POST" | "PUT", path: string, body?: unknown) => Promise<unknown>;

const V3 = "/_matrix/client/v3";
const enc = encodeURIComponent;

/** Where each request the crypto engine asks for goes (spec: Client-Server API, "End-to-end encryption"). */
export function routeOf(request: OutgoingRequest | UploadSigningKeysRequest): { method: "POST" | "PUT"; path: string } {
  if (request instanceof KeysUploadRequest) return { method: "POST", path: `${V3}/keys/upload` };
  if (request instanceof KeysQueryRequest) return { method: "POST", path: `${V3}/keys/query` };
  if (request instanceof KeysClaimRequest) return { method: "POST", path: `${V3}/keys/claim` };
  if (request instanceof SignatureUploadRequest) return { method: "POST", path: `${V3}/keys/signatures/upload` };
  if (request instanceof UploadSigningKeysRequest) return { method: "POST", path: `${V3}/keys/device_signing/upload` };
  if (request instanceof ToDeviceRequest) return { method: "PUT", path: `${V3}/sendToDevice/${enc(request.event_type)}/${enc(request.txn_id)}` };
  if (request instanceof RoomMessageRequest) {
    return { method: "PUT", path: `${V3}/rooms/${enc(request.room_id)}/send/${enc(request.event_type)}/${enc(request.txn_id)}` };
  }
  if (request instanceof KeysBackupRequest) return { method: "PUT", path: `${V3}/room_keys/keys?version=${enc(request.version)}` };
  throw new Error(`unsupported crypto request ${(request as { constructor: { name: string } }).constructor.name}`);
}
