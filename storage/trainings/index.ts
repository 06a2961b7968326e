import type { Db } from "../database.ts";
import { RegistrationsStore } from "./registrations-store.ts";
import { TrainingsStore } from "./trainings-store.ts";

export interface TrainingStores {
  readonly trainings: TrainingsStore;
  readonly registrations: RegistrationsStore;
}

export function createTrainingStores(db: Db): TrainingStores {
  return { trainings: new TrainingsStore(db), registrations: new RegistrationsStore(db) };
}

declare module "../index.ts" {
  interface FeatureStores {
    readonly trainings: TrainingStores;
  }
}
