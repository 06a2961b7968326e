import type { MatrixEvent } from "matrix-js-sdk";
import type { TestHomeserver } from "../homeserver/index.ts";
import { downloadAttachment } from "./attachment.ts";
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

/**
 * Downloads an attachment that must have been sent encrypted (a `file` with key, iv and hashes,
 * no clear `url`) and decrypts it as Element does (sha256 checked, AES-256-CTR).
 */
export async function downloadEncryptedFile(homeserver: TestHomeserver, content: Record<string, unknown>): Promise<Buffer> {
  if (content["url"] !== undefined) throw new Error("the file was sent in clear (content.url)");
  const file = content["file"] as { v?: unknown; key?: { alg?: unknown } } | undefined;
  if (file?.v !== "v2" || file.key?.alg !== "A256CTR") throw new Error("no v2 encrypted file in the message");
  return downloadAttachment(homeserver.url, content);
}
