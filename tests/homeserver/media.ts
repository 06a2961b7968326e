// The content repository (spec: "Content repository"): uploads kept in memory, served back
// with the content type they were uploaded with.
import { newMediaId } from "./ids.ts";

export interface StoredMedia {
  readonly contentType: string;
  readonly body: Buffer;
  readonly filename: string | undefined;
  readonly uploader: string;
}

/** Synapse's default max_upload_size. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export class MediaStore {
  private readonly items = new Map<string, StoredMedia>();

  put(media: StoredMedia): string {
    const mediaId = newMediaId();
    this.items.set(mediaId, media);
    return mediaId;
  }

  get(mediaId: string): StoredMedia | undefined {
    return this.items.get(mediaId);
  }
}
