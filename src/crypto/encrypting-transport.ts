import type { MatrixTransport } from "../matrix/transport.ts";
import { encryptAttachment } from "./attachment-encryption.ts";
import type { RoomCrypto } from "./room-crypto.ts";

/**
 * The transport with end-to-end encryption where the room asks for it: messages are encrypted
 * (reactions stay in clear, as Element sends them, so the homeserver can still aggregate them),
 * files go as encrypted attachments, and related events fetched back are decrypted. `rooms` is
 * read at each call: encryption starts with Minou, after the transport is built.
 */
export function withEncryption(base: MatrixTransport, rooms: () => RoomCrypto, upload: (data: Buffer, mimeType: string) => Promise<string>): MatrixTransport {
  return {
    ...base,
    async sendEvent(roomId, eventType, txnId, content) {
      if (eventType === "m.reaction" || !(await rooms().isEncrypted(roomId))) return base.sendEvent(roomId, eventType, txnId, content);
      // The same transaction id as a plain send: a resend after a crash is still recognised.
      return base.sendEvent(roomId, "m.room.encrypted", txnId, await rooms().encrypt(roomId, eventType, content));
    },
    async relations(roomId, eventId, relType) {
      return rooms().decryptAll(roomId, await base.relations(roomId, eventId, relType));
    },
    async createDirectRoom(userId) {
      const roomId = await base.createDirectRoom(userId);
      rooms().createdEncrypted(roomId);
      return roomId;
    },
    async attachFile(roomId, data, filename, mimeType) {
      if (!(await rooms().isEncrypted(roomId))) return base.attachFile(roomId, data, filename, mimeType);
      const { ciphertext, info } = encryptAttachment(data);
      return { file: { ...info, url: await upload(ciphertext, "application/octet-stream") } };
    },
  };
}
