import { langue } from "../../commands/general/langue.ts";
import { assoTags } from "../../commands/registry/asso-tags.ts";
import { asso, assoContact, assoNom } from "../../commands/registry/asso.ts";
import { assos } from "../../commands/registry/assos.ts";
import { defineFeature } from "../feature.ts";
import { memberCountsJob } from "./member-counts.ts";

/** Each room's settings and card: its language, the association's name, contact and tags. */
export const registryFeature = defineFeature({
  name: "registry",
  config: () => ({}),
  commands: [langue, asso, assoNom, assoContact, assoTags, assos],
  // The member counts !assos shows, taken from the homeserver after membership changes.
  parts: ({ stores, transport, retryPolicy, log }) => ({ jobs: [memberCountsJob(stores, transport, retryPolicy, log.child("rooms"))] }),
  privacy: { noPersonalData: "a room's card describes its association, and is the room's to change" },
});
