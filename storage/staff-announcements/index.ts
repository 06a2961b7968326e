import type { Db } from "../database.ts";
import { StaffAnnouncementsStore } from "./announcements-store.ts";
import { AnnouncementDeliveriesStore } from "./deliveries-store.ts";

export interface StaffAnnouncementStores {
  readonly announcements: StaffAnnouncementsStore;
  readonly deliveries: AnnouncementDeliveriesStore;
}

export function createStaffAnnouncementStores(db: Db): StaffAnnouncementStores {
  return { announcements: new StaffAnnouncementsStore(db), deliveries: new AnnouncementDeliveriesStore(db) };
}

declare module "../index.ts" {
  interface FeatureStores {
    readonly staffAnnouncements: StaffAnnouncementStores;
  }
}
