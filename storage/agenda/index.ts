import type { Db } from "../database.ts";
import { AgendaAnnouncementsStore } from "./announcements-store.ts";
import { AgendaAnswersStore } from "./answers-store.ts";
import { AgendaDigestsStore } from "./digests-store.ts";
import { AgendaEventsStore } from "./events-store.ts";
import { AgendaFeedTokensStore } from "./feed-tokens-store.ts";
import { AgendaRemindersStore } from "./reminders-store.ts";

/** The agenda feature's stores. */
export interface AgendaStores {
  readonly events: AgendaEventsStore;
  readonly answers: AgendaAnswersStore;
  readonly announcements: AgendaAnnouncementsStore;
  readonly reminders: AgendaRemindersStore;
  readonly feedTokens: AgendaFeedTokensStore;
  readonly digests: AgendaDigestsStore;
}

export function createAgendaStores(db: Db): AgendaStores {
  return {
    events: new AgendaEventsStore(db),
    answers: new AgendaAnswersStore(db),
    announcements: new AgendaAnnouncementsStore(db),
    reminders: new AgendaRemindersStore(db),
    feedTokens: new AgendaFeedTokensStore(db),
    digests: new AgendaDigestsStore(db),
  };
}

declare module "../index.ts" {
  interface FeatureStores {
    readonly agenda: AgendaStores;
  }
}
