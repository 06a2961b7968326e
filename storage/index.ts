import { createAgendaStores, type AgendaStores } from "./agenda/index.ts";
import { createPollStores, type PollStores } from "./polls/index.ts";
import { createTrainingStores, type TrainingStores } from "./trainings/index.ts";
import { createDocumentStores, type DocumentStores } from "./documents/index.ts";
import { BotStateStore } from "./bot-state-store.ts";
import { createOnboardingStores, type OnboardingStores } from "./onboarding/index.ts";
import { CryptoRecordsStore } from "./crypto-records-store.ts";
import { DirectRoomsStore } from "./direct-rooms-store.ts";
import type { Db } from "./database.ts";
import { InboundEventsStore } from "./inbound-events-store.ts";
import { OutboxStore } from "./outbox-store.ts";
import { createPrivacyStores, type PrivacyStores } from "./privacy/index.ts";
import { RoomMembersStore } from "./room-members-store.ts";
import { RoomSettingsStore } from "./room-settings-store.ts";
import { RoomsStore } from "./rooms-store.ts";
import { createStaffAnnouncementStores, type StaffAnnouncementStores } from "./staff-announcements/index.ts";

/** Every store, over one connection, so a feature's change and its messages commit together. */
export interface Stores {
  readonly db: Db;
  readonly botState: BotStateStore;
  readonly rooms: RoomsStore;
  readonly roomSettings: RoomSettingsStore;
  readonly roomMembers: RoomMembersStore;
  readonly inbound: InboundEventsStore;
  readonly outbox: OutboxStore;
  readonly directRooms: DirectRoomsStore;
  readonly cryptoRecords: CryptoRecordsStore;
  readonly agenda: AgendaStores;
  readonly polls: PollStores;
  readonly onboarding: OnboardingStores;
  readonly documents: DocumentStores;
  readonly trainings: TrainingStores;
  readonly privacy: PrivacyStores;
  readonly staffAnnouncements: StaffAnnouncementStores;
  /** Runs `work` in one transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T;
}

export function createStores(db: Db): Stores {
  return {
    db,
    botState: new BotStateStore(db),
    rooms: new RoomsStore(db),
    roomSettings: new RoomSettingsStore(db),
    roomMembers: new RoomMembersStore(db),
    inbound: new InboundEventsStore(db),
    outbox: new OutboxStore(db),
    directRooms: new DirectRoomsStore(db),
    cryptoRecords: new CryptoRecordsStore(db),
    agenda: createAgendaStores(db),
    polls: createPollStores(db),
    onboarding: createOnboardingStores(db),
    documents: createDocumentStores(db),
    trainings: createTrainingStores(db),
    privacy: createPrivacyStores(db),
    staffAnnouncements: createStaffAnnouncementStores(db),
    // IMMEDIATE: take the write lock at once, so two writers (two processes on one file) queue
    // up instead of both reading a count and one failing to write (capacity stays exact).
    transaction: <T>(work: () => T): T => db.transaction(work).immediate(),
  };
}
