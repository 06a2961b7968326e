import { createPrivacyStores } from "../../storage/privacy/index.ts";
import { storeSet } from "../../storage/index.ts";
import { mesDonnees } from "../../commands/privacy/mes-donnees.ts";
import { mesDonneesEffacer } from "../../commands/privacy/mes-donnees-effacer.ts";
import { mesDonneesEffacerConfirmer } from "../../commands/privacy/mes-donnees-effacer-confirmer.ts";
import { viePrivee } from "../../commands/privacy/vie-privee.ts";
import { defineFeature } from "../feature.ts";

/**
 * The members' data rights: `!vie-privée`, the export and the erasure, built from every feature's
 * part. What Minou keeps about a member's account (their private room, a past erasure) is the
 * pipeline's own part, which Minou adds after the features'.
 */
export const privacyFeature = defineFeature({
  name: "privacy",
  config: () => ({}),
  stores: storeSet("privacy", createPrivacyStores),
  commands: [viePrivee, mesDonnees, mesDonneesEffacer, mesDonneesEffacerConfirmer],
  parts: ({ stores }) => ({
    erasedSince: (sender, sentAt) => stores.privacy.erasedMembers.sentBeforeErasure(sender, sentAt),
  }),
  privacy: { noPersonalData: "its commands read and erase the other parts; the erasure's own record belongs to the account part" },
});
