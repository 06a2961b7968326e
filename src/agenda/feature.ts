import { createAgendaStores } from "../../storage/agenda/index.ts";
import { storeSet } from "../../storage/index.ts";
import { agenda } from "../../commands/agenda/agenda.ts";
import { ajouter } from "../../commands/agenda/ajouter.ts";
import { annuler } from "../../commands/agenda/annuler.ts";
import { deplacer } from "../../commands/agenda/deplacer.ts";
import { fuseau } from "../../commands/agenda/fuseau.ts";
import { lienRenouveler } from "../../commands/agenda/lien-renouveler.ts";
import { lien } from "../../commands/agenda/lien.ts";
import { modifier } from "../../commands/agenda/modifier.ts";
import { participants } from "../../commands/agenda/participants.ts";
import { publicEvent } from "../../commands/agenda/public.ts";
import { rappels } from "../../commands/agenda/rappels.ts";
import { resume } from "../../commands/agenda/resume.ts";
import { voir } from "../../commands/agenda/voir.ts";
import { agendaConfigSchema } from "./config-schema.ts";
import { defineFeature, whenSent } from "../feature.ts";
import { AgendaReactions } from "./agenda-reactions.ts";
import { agendaCommandSettings } from "./command-settings.ts";
import { ANNOUNCEMENT } from "./announcement.ts";
import { agendaRoutes } from "./feed-routes.ts";
import { remindersJob } from "./jobs/reminders.ts";
import { weeklyDigestJob } from "./jobs/weekly-digest.ts";
import { liveAnnouncements } from "./live-announcements.ts";
import { agendaPersonalData } from "./personal-data.ts";
import { storeAgendaSource } from "./store-source.ts";

/** Events, their announcements and answers, reminders, the weekly digest and the iCal feeds. */
export const agendaFeature = defineFeature({
  name: "agenda",
  config: (config) => ({
    language: config.defaultLanguage,
    timeZone: config.timeZone,
    reminders: { defaultOffsetsMinutes: config.agenda.defaultReminderMinutes, graceMinutes: config.agenda.reminderGraceMinutes, defaultLanguage: config.defaultLanguage },
    feeds: { publicBaseUrl: config.http.publicBaseUrl, centreName: config.centre.name },
  }),
  configSection: { key: "agenda", schema: agendaConfigSchema },
  stores: storeSet("agenda", createAgendaStores),
  commandSettings: agendaCommandSettings,
  commands: [agenda, ajouter, voir, modifier, annuler, deplacer, participants, lien, lienRenouveler, rappels, fuseau, publicEvent, resume],
  privacy: { part: agendaPersonalData },
  parts: ({ stores, now, log, config, roomState, wakeSender, scheduleEdits }) => ({
    reactions: [new AgendaReactions(stores, now, scheduleEdits)],
    live: [liveAnnouncements(stores, config.language)],
    jobs: [
      remindersJob(stores, config.reminders, roomState, wakeSender, log.child("agenda")),
      weeklyDigestJob(stores, { language: config.language, timeZone: config.timeZone }, wakeSender, log.child("agenda")),
    ],
    routes: agendaRoutes(storeAgendaSource(stores, { language: config.language, timeZone: config.timeZone }), { ...config.feeds, now, log: log.child("feeds") }),
    // Out of the room, its secret feed must stop working at once.
    roomLeft: (roomId, at) => stores.agenda.feedTokens.revokeAll(roomId, at),
    sent: [whenSent(ANNOUNCEMENT, (id, eventId) => stores.agenda.events.setAnnouncement(id, eventId))],
  }),
});

declare module "../dispatch/command.ts" {
  interface HelpGroups {
    readonly agenda: true;
  }
}
