import type { Db } from "../database.ts";
import { ErasedMembersStore } from "./erased-members-store.ts";
import { MemberTracesStore } from "./member-traces-store.ts";

/** The members' data feature's stores (export, erasure, retention). */
export interface PrivacyStores {
  readonly erasedMembers: ErasedMembersStore;
  readonly memberTraces: MemberTracesStore;
}

export function createPrivacyStores(db: Db): PrivacyStores {
  return { erasedMembers: new ErasedMembersStore(db), memberTraces: new MemberTracesStore(db) };
}

declare module "../index.ts" {
  interface FeatureStores {
    readonly privacy: PrivacyStores;
  }
}
