import { definePurpose, idRef } from "../pipeline/purpose.ts";

/** A link to a pad, cloud folder or shared file, kept in a room's list of documents. */
export interface RoomDocument {
  readonly id: number;
  readonly roomId: string;
  /** Per room, never reused: "n°3" keeps meaning the same document after others are removed. */
  readonly number: number;
  readonly title: string;
  /** Normalised by the WHATWG URL parser (what duplicates are compared on). */
  readonly url: string;
  /** Lower-case, without the leading #. */
  readonly tags: readonly string[];
  /** Null once the member who added it had their data erased: the document stays, unattributed. */
  readonly addedBy: string | null;
  readonly addedAt: number;
  readonly updatedAt: number;
}

export const DOCUMENT_LIMITS = { title: 200, url: 2000, tag: 40, tags: 10 } as const;

/** The namespaced key of the room's index message, so edits and pins map back to it. */
export const MINOU_KEY = "fr.chatons.minou";
/** A room's documents index; its reference is the index record's id. */
export const DOCUMENT_INDEX = definePurpose("documents.index", idRef);
