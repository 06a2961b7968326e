import type { Db } from "../database.ts";
import { PollsStore } from "./polls-store.ts";
import { PollVotesStore } from "./votes-store.ts";

export interface PollStores {
  readonly polls: PollsStore;
  readonly votes: PollVotesStore;
}

export function createPollStores(db: Db): PollStores {
  return { polls: new PollsStore(db), votes: new PollVotesStore(db) };
}

declare module "../index.ts" {
  interface FeatureStores {
    readonly polls: PollStores;
  }
}
