import { aide } from "../../commands/general/aide.ts";
import { minou } from "../../commands/general/minou.ts";
import { defineFeature } from "../feature.ts";

/** The help, generated from the commands of the features Minou runs, and `!minou` (about Minou). */
export const generalFeature = defineFeature({
  name: "general",
  config: () => ({}),
  commands: [aide, minou],
  privacy: { noPersonalData: "the help and the version keep nothing" },
});

declare module "../dispatch/command.ts" {
  interface HelpGroups {
    readonly general: true;
  }
}
