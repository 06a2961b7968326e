import type { Db } from "../database.ts";
import { DocumentIndexStore } from "./index-store.ts";
import { DocumentLinkChecksStore } from "./link-checks-store.ts";
import { DocumentsStore } from "./documents-store.ts";

/** The document links feature's stores. */
export interface DocumentStores {
  readonly documents: DocumentsStore;
  readonly index: DocumentIndexStore;
  readonly linkChecks: DocumentLinkChecksStore;
}

export function createDocumentStores(db: Db): DocumentStores {
  return { documents: new DocumentsStore(db), index: new DocumentIndexStore(db), linkChecks: new DocumentLinkChecksStore(db) };
}

declare module "../index.ts" {
  interface FeatureStores {
    readonly documents: DocumentStores;
  }
}
