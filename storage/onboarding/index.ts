import type { Db } from "../database.ts";
import { FaqStore } from "./faq-store.ts";
import { OnboardingStore } from "./onboarding-store.ts";

export interface OnboardingStores {
  readonly faq: FaqStore;
  readonly welcome: OnboardingStore;
}

export function createOnboardingStores(db: Db): OnboardingStores {
  return { faq: new FaqStore(db), welcome: new OnboardingStore(db) };
}

declare module "../index.ts" {
  interface FeatureStores {
    readonly onboarding: OnboardingStores;
  }
}
