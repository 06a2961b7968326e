import type { RoomDocument } from "../../src/documents/model.ts";
import type { Db } from "../database.ts";

export interface DocumentRow {
  id: number;
  room_id: string;
  number: number;
  title: string;
  url: string;
  tags: string;
  added_by: string | null;
  added_at: number;
  updated_at: number;
}

export function toDocument(row: DocumentRow): RoomDocument {
  return {
    id: row.id,
    roomId: row.room_id,
    number: row.number,
    title: row.title,
    url: row.url,
    tags: JSON.parse(row.tags) as string[],
    addedBy: row.added_by,
    addedAt: row.added_at,
    updatedAt: row.updated_at,
  };
}

export interface NewDocument {
  readonly roomId: string;
  readonly title: string;
  readonly url: string;
  readonly tags: readonly string[];
  readonly addedBy: string;
}

export type DocumentChange =
  | { readonly field: "title"; readonly value: string }
  | { readonly field: "url"; readonly value: string }
  | { readonly field: "tags"; readonly value: readonly string[] };

/** Each room's documents, numbered per room; no room ever sees another's. */
export class DocumentsStore {
  private readonly nextNumber;
  private readonly insert;
  private readonly selectById;
  private readonly selectByNumber;
  private readonly selectByUrl;
  private readonly selectInRoom;
  private readonly updateTitle;
  private readonly updateTags;
  private readonly updateUrl;
  private readonly deleteById;
  private readonly forgetAuthor;
  private readonly selectAddedBy;

  constructor(db: Db) {
    // The counter lives apart from the documents so that removing the last one never frees its number.
    this.nextNumber = db.prepare<[string], { number: number }>(
      `INSERT INTO document_rooms (room_id, last_number) VALUES (?, 1)
       ON CONFLICT (room_id) DO UPDATE SET last_number = last_number + 1 RETURNING last_number AS number`,
    );
    this.insert = db.prepare<[string, number, string, string, string, string, number, number, number], DocumentRow>(
      `INSERT INTO documents (room_id, number, title, url, tags, added_by, added_at, updated_at, url_since)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    );
    this.selectById = db.prepare<[number], DocumentRow>("SELECT * FROM documents WHERE id = ?");
    this.selectByNumber = db.prepare<[string, number], DocumentRow>("SELECT * FROM documents WHERE room_id = ? AND number = ?");
    this.selectByUrl = db.prepare<[string, string], DocumentRow>("SELECT * FROM documents WHERE room_id = ? AND url = ?");
    this.selectInRoom = db.prepare<[string], DocumentRow>("SELECT * FROM documents WHERE room_id = ? ORDER BY number");
    this.updateTitle = db.prepare<[string, number, number]>("UPDATE documents SET title = ?, updated_at = ? WHERE id = ?");
    this.updateTags = db.prepare<[string, number, number]>("UPDATE documents SET tags = ?, updated_at = ? WHERE id = ?");
    // A new address starts a new history: what was found about the old one no longer applies.
    this.updateUrl = db.prepare<[string, number, number, number]>(
      `UPDATE documents SET url = ?, updated_at = ?, url_since = ?, link_checked_at = NULL, link_failures = 0,
         link_problem = NULL, link_retry_at = NULL, link_reported_at = NULL WHERE id = ?`,
    );
    this.deleteById = db.prepare<[number]>("DELETE FROM documents WHERE id = ?");
    this.forgetAuthor = db.prepare<[string]>("UPDATE documents SET added_by = NULL WHERE added_by = ?");
    this.selectAddedBy = db.prepare<[string], DocumentRow>("SELECT * FROM documents WHERE added_by = ? ORDER BY room_id, number");
  }

  create(document: NewDocument, now: number): RoomDocument {
    const allocated = this.nextNumber.get(document.roomId);
    if (allocated === undefined) throw new Error("document number not allocated");
    const row = this.insert.get(document.roomId, allocated.number, document.title, document.url, JSON.stringify(document.tags), document.addedBy, now, now, now);
    if (row === undefined) throw new Error("document not created");
    return toDocument(row);
  }

  get(id: number): RoomDocument | undefined {
    const row = this.selectById.get(id);
    return row === undefined ? undefined : toDocument(row);
  }

  byNumber(roomId: string, number: number): RoomDocument | undefined {
    const row = this.selectByNumber.get(roomId, number);
    return row === undefined ? undefined : toDocument(row);
  }

  /** The room's document with this (normalised) address, to refuse a duplicate. */
  byUrl(roomId: string, url: string): RoomDocument | undefined {
    const row = this.selectByUrl.get(roomId, url);
    return row === undefined ? undefined : toDocument(row);
  }

  inRoom(roomId: string): RoomDocument[] {
    return this.selectInRoom.all(roomId).map(toDocument);
  }

  update(id: number, change: DocumentChange, now: number): void {
    if (change.field === "title") this.updateTitle.run(change.value, now, id);
    else if (change.field === "tags") this.updateTags.run(JSON.stringify(change.value), now, id);
    else this.updateUrl.run(change.value, now, now, id);
  }

  remove(id: number): void {
    this.deleteById.run(id);
  }

  /** Documents a member added, for the export of their data. */
  addedByMember(userId: string): RoomDocument[] {
    return this.selectAddedBy.all(userId).map(toDocument);
  }

  /** A member's erasure keeps the documents they added, without their name. */
  forgetMember(userId: string): number {
    return this.forgetAuthor.run(userId).changes;
  }
}
