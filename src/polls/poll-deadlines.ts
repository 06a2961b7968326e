import type { Stores } from "../../storage/index.ts";
import type { Language } from "../i18n/language.ts";
import type { Logger } from "../log.ts";
import { GaveUp, withRetry, type RetryPolicy } from "../matrix/retry.ts";
import type { MatrixTransport } from "../matrix/transport.ts";
import type { MemberNames } from "../pipeline/room-state.ts";
import type { ScheduledJob } from "../scheduler.ts";
import { closePoll } from "./close-poll.ts";
import type { Poll } from "./model.ts";
import { readSelections } from "./native-poll.ts";

/**
 * Fetches every response to a native poll from the relations endpoint and keeps those Minou had
 * not seen (a gap in sync, a restart): the count at the end misses no vote.
 */
export async function recountPoll(stores: Stores, transport: MatrixTransport, poll: Poll, retryPolicy: RetryPolicy): Promise<number> {
  if (poll.startEventId === null || poll.anonymous) return 0;
  const children = await withRetry(() => transport.relations(poll.roomId, poll.startEventId ?? "", "m.reference"), retryPolicy);
  let added = 0;
  stores.transaction(() => {
    for (const event of children) {
      const selections = readSelections(event.type, event.content);
      if (selections === undefined) continue;
      // Matrix keeps the responses of a member who erased their data; Minou must not count them again.
      if (stores.privacy.erasedMembers.sentBeforeErasure(event.sender, event.origin_server_ts)) continue;
      if (stores.polls.votes.recordResponse(poll.id, { eventId: event.event_id, sender: event.sender, sentAt: event.origin_server_ts, selections })) added += 1;
    }
  });
  return added;
}

/** Closes polls at their deadline, once: recount first, then close and announce the result (it notifies the poll's author). */
export function pollDeadlinesJob(
  stores: Stores,
  transport: MatrixTransport,
  settings: { defaultLanguage: Language; prefix: string; botUserId: string; retryPolicy: RetryPolicy },
  names: MemberNames,
  afterQueued: () => void,
  log: Logger,
): ScheduledJob {
  return {
    name: "poll-deadlines",
    async run(now) {
      let queued = false;
      for (const poll of stores.polls.polls.due(now)) {
        try {
          const added = await recountPoll(stores, transport, poll, settings.retryPolicy);
          if (added > 0) log.info("poll recount found missed votes", { poll: poll.id, added });
        } catch (error) {
          if (error instanceof GaveUp && error.failure.kind !== "permanent") {
            log.warn("poll close postponed, homeserver unreachable", { poll: poll.id });
            continue;
          }
          log.error("poll recount failed; closing with the votes seen", { poll: poll.id, error });
        }
        const language = stores.rooms.get(poll.roomId)?.language ?? settings.defaultLanguage;
        queued = stores.transaction(() => closePoll(stores, poll, { by: "deadline", botUserId: settings.botUserId, names }, now, language, settings.prefix)) || queued;
      }
      if (queued) afterQueued();
    },
  };
}
