import { createDecipheriv, createHash } from "node:crypto";

interface EncryptedFile {
  url: string;
  key: { k: string };
  iv: string;
  hashes: { sha256: string };
}

/**
 * Downloads a message's file as a member's client would: the plain `url`, or the encrypted
 * `file` (spec: "Sending encrypted attachments"), checked against its SHA-256 and decrypted.
 */
export async function downloadAttachment(homeserverUrl: string, content: Record<string, unknown>): Promise<Buffer> {
  const file = content["file"] as EncryptedFile | undefined;
  const url = file?.url ?? String(content["url"]);
  const [server, media] = url.replace("mxc://", "").split("/");
  const response = await fetch(`${homeserverUrl}/_matrix/media/v3/download/${server}/${media}`);
  const data = Buffer.from(await response.arrayBuffer());
  if (file === undefined) return data;
  const digest = createHash("sha256").update(data).digest("base64").replace(/=+$/, "");
  if (digest !== file.hashes.sha256) throw new Error("the attachment does not match its hash");
  const decipher = createDecipheriv("aes-256-ctr", Buffer.from(file.key.k, "base64url"), Buffer.from(file.iv, "base64"));
  return Buffer.concat([decipher.update(data), decipher.final()]);
}
