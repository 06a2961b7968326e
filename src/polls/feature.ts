import { agendaCommandSettings } from "../agenda/command-settings.ts";
import { createPollStores } from "../../storage/polls/index.ts";
import { storeSet } from "../../storage/index.ts";
import { choisir } from "../../commands/polls/choisir.ts";
import { clore } from "../../commands/polls/clore.ts";
import { dates } from "../../commands/polls/dates.ts";
import { echeance } from "../../commands/polls/echeance.ts";
import { exportPoll } from "../../commands/polls/export.ts";
import { resultats } from "../../commands/polls/resultats.ts";
import { sondage } from "../../commands/polls/sondage.ts";
import { voter } from "../../commands/polls/voter.ts";
import { defineFeature, whenSent } from "../feature.ts";
import { liveSummaries } from "./live-summaries.ts";
import { pollsPersonalData } from "./personal-data.ts";
import { pollDeadlinesJob, recountPoll } from "./poll-deadlines.ts";
import { PollEvents } from "./poll-events.ts";
import { PollReactions } from "./poll-reactions.ts";
import { POLL_SLOT, POLL_START, POLL_SUMMARY } from "./purposes.ts";

/** Question and date polls: native polls (MSC3381) or reactions, their summaries and deadlines. */
export const pollsFeature = defineFeature({
  name: "polls",
  config: (config) => ({ language: config.defaultLanguage, prefix: config.commandPrefix, timeZone: config.timeZone, botUserId: config.userId }),
  stores: storeSet("polls", createPollStores),
  // `!sondage dates` reads the agenda's default event length.
  commandSettings: agendaCommandSettings,
  commands: [sondage, dates, voter, resultats, clore, echeance, choisir, exportPoll],
  privacy: { part: pollsPersonalData },
  parts: ({ stores, now, log, config, transport, roomState, retryPolicy, wakeSender, scheduleEdits, stopping }) => {
    const polls = stores.polls.polls;
    return {
      inbound: [new PollEvents(stores, config.botUserId, { timeZone: config.timeZone, language: config.language })],
      reactions: [new PollReactions(stores, now, scheduleEdits)],
      live: [liveSummaries(stores, config.language, config.prefix)],
      jobs: [
        pollDeadlinesJob(
          stores,
          transport,
          { defaultLanguage: config.language, prefix: config.prefix, botUserId: config.botUserId, retryPolicy },
          roomState,
          wakeSender,
          log.child("polls"),
        ),
      ],
      sent: [
        whenSent(POLL_START, (id, eventId) => polls.setStartEvent(id, eventId)),
        whenSent(POLL_SUMMARY, (id, eventId) => polls.setSummaryEvent(id, eventId)),
        whenSent(POLL_SLOT, ({ pollId, position }, eventId) => polls.setSlotMessage(pollId, position, eventId)),
      ],
      // `!sondage clore` leaves a poll due now.
      dueNow: () => polls.due(now()).length > 0,
      // Votes cast while Minou was away are fetched again from the homeserver.
      whenReady: async () => {
        for (const poll of polls.openNative()) {
          if (stopping.aborted) return;
          try {
            const added = await recountPoll(stores, transport, poll, retryPolicy);
            if (added > 0) log.info("poll recount after restart found missed votes", { poll: poll.id, added });
          } catch (error) {
            log.warn("poll recount failed", { poll: poll.id, error });
          }
        }
      },
    };
  },
});

declare module "../dispatch/command.ts" {
  interface HelpGroups {
    readonly polls: true;
  }
}
