import { createDocumentStores } from "../../storage/documents/index.ts";
import { storeSet } from "../../storage/index.ts";
import { docsAjouter } from "../../commands/documents/ajouter.ts";
import { docsChercher } from "../../commands/documents/chercher.ts";
import { docs } from "../../commands/documents/docs.ts";
import { docsEpingler } from "../../commands/documents/epingler.ts";
import { docsModifier } from "../../commands/documents/modifier.ts";
import { docsRetirer } from "../../commands/documents/retirer.ts";
import { services } from "../../commands/documents/services.ts";
import { documentsConfigSchema } from "./config-schema.ts";
import { defineFeature, whenSent } from "../feature.ts";
import { liveDocumentIndex, recordIndexSent } from "./index-message.ts";
import { linkCheckJob } from "./jobs/link-check-job.ts";
import { DOCUMENT_INDEX } from "./model.ts";
import { documentsPersonalData } from "./personal-data.ts";

/** Each room's list of shared documents, its pinned index message and the weekly link check. */
export const documentsFeature = defineFeature({
  name: "documents",
  config: (config) => ({
    index: { language: config.defaultLanguage, timeZone: config.timeZone, prefix: config.commandPrefix },
    linkCheck: { ...config.documents.linkCheck, defaultLanguage: config.defaultLanguage, prefix: config.commandPrefix },
  }),
  configSection: { key: "documents", schema: documentsConfigSchema },
  stores: storeSet("documents", createDocumentStores),
  commands: [docs, docsAjouter, docsChercher, docsModifier, docsRetirer, docsEpingler, services],
  privacy: { part: documentsPersonalData, keptBecause: "a document stays as long as its room keeps it; an erasure removes the member's name from it" },
  parts: ({ stores, now, log, config, wakeSender, scheduleEdits }) => ({
    live: [liveDocumentIndex(stores, config.index)],
    slowJobs: [linkCheckJob(stores, config.linkCheck, wakeSender, log.child("documents"))],
    sent: [
      // Changes made while the index was on its way are edited in as soon as its event id is known.
      whenSent(DOCUMENT_INDEX, (id, eventId) => {
        recordIndexSent(stores, String(id), eventId, now());
        scheduleEdits();
      }),
    ],
  }),
});

declare module "../dispatch/command.ts" {
  interface HelpGroups {
    readonly documents: true;
  }
}
