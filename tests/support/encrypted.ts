import { createDecipheriv, createHash } from "node:crypto";
import type { MatrixEvent } from "matrix-js-sdk";
import type { TestHomeserver } from "../homeserver/index.ts";
import type { Member } from "./member.ts";

/** The `initial_state` Element gives a room it creates encrypted (megolm, as every Element since 2020). */
export const ENCRYPTED_ROOM = [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }] as never;

/** A message's body as Element shows it; Intl separates numbers and units with no-break spaces. */
export const plainBody = (event: MatrixEvent): string => String(event.getContent()["body"]).replace(/[\u00a0\u202f]/g, " ");

/** A reaction as Element sends it, unencrypted even in an encrypted room (matrix-js-sdk shouldEncryptEventForRoom). */
export async function react(member: Member, roomId: string, target: string, key: string): Promise<string> {
  const { event_id: eventId } = await member.client.sendEvent(roomId, "m.reaction" as never, { "m.relates_to": { rel_type: "m.annotation", event_id: target, key } } as never);
  return eventId;
}

/**
 * A reaction as a client that encrypts reactions sends it: matrix-js-sdk's own send path, made to
 * encrypt this one event with the member's megolm session (m.relates_to stays in clear).
 */
export async function reactEncrypted(member: Member, roomId: string, target: string, key: string): Promise<string> {
  // A private method of MatrixClient: the one place that decides to leave reactions in clear.
  const client = member.client as unknown as { shouldEncryptEventForRoom: (...args: unknown[]) => Promise<boolean> };
  const shouldEncrypt = client.shouldEncryptEventForRoom;
  client.shouldEncryptEventForRoom = async () => true;
  try {
    return await react(member, roomId, target, key);
  } finally {
    client.shouldEncryptEventForRoom = shouldEncrypt;
  }
}

/** The `file` of an encrypted attachment (spec: "Sending encrypted attachments"). */
interface EncryptedFile {
  url: string;
  key: { k: string; alg: string };
  iv: string;
  hashes: { sha256: string };
  v: string;
}

/**
 * Downloads an encrypted attachment from the homeserver's media repository and decrypts it as
 * Element does: checks the SHA-256 of the ciphertext, then AES-256-CTR with the JWK key and iv.
 */
export async function downloadEncryptedFile(homeserver: TestHomeserver, content: Record<string, unknown>): Promise<Buffer> {
  if (content["url"] !== undefined) throw new Error("the file was sent in clear (content.url)");
  const file = content["file"] as EncryptedFile | undefined;
  if (file === undefined) throw new Error("no encrypted file in the message");
  if (file.v !== "v2" || file.key.alg !== "A256CTR") throw new Error(`unexpected encrypted file version ${file.v}/${file.key.alg}`);
  const [server, mediaId] = file.url.replace("mxc://", "").split("/");
  const response = await fetch(`${homeserver.url}/_matrix/media/v3/download/${server}/${mediaId}`);
  if (!response.ok) throw new Error(`download failed: ${response.status}`);
  const ciphertext = Buffer.from(await response.arrayBuffer());
  const sha256 = createHash("sha256").update(ciphertext).digest("base64").replace(/=+$/, "");
  if (sha256 !== file.hashes.sha256) throw new Error("the attachment's SHA-256 does not match");
  const decipher = createDecipheriv("aes-256-ctr", Buffer.from(file.key.k, "base64url"), Buffer.from(file.iv, "base64"));
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/** What Minou wrote to `member` in their DM, decrypted by the member's client, oldest first. */
export async function directMessagesFrom(member: Member, roomId: string, botUserId: string): Promise<MatrixEvent[]> {
  return (await member.decryptedTimeline(roomId)).filter((event) => event.getSender() === botUserId && event.getType() === "m.room.message");
}
