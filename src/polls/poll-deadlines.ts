import type { Stores } from "../../storage/index.ts";
import type { Language } from "../i18n/language.ts";
import type { Logger } from "../log.ts";
import { GaveUp, withRetry, type RetryPolicy } from "../matrix/retry.ts";
import type { MatrixTransport } from "../matrix/transport.ts";
import { canRedactOthers, type PowerLevels } from "../matrix/power-levels.ts";
import { notifyingContent } from "../matrix/reply-content.ts";
import { txnIdFor } from "../matrix/txn-id.ts";
import type { MemberNames } from "../pipeline/room-state.ts";
import { joinMarkdown, userPill } from "../render/markdown.ts";
import { renderMessage } from "../render/render-message.ts";
import { FORGOTTEN_MEMBER } from "../../storage/privacy/erased-members-store.ts";
import { cannotEndText } from "./poll-texts.ts";
import type { ScheduledJob } from "../scheduler.ts";
import { JobItems } from "../jobs/job-items.ts";
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

/** What the deadline job reads of the rooms' state: names for the result, power levels to close. */
export interface PollRoomState extends MemberNames {
  powerLevels(roomId: string): Promise<PowerLevels>;
}

/**
 * Closes polls at their deadline, once: recount first, then close and announce the result (it
 * notifies the poll's author). A member's Element poll needs Minou's power to redact at that very
 * moment: without it the end event would be ignored by Element, so the poll stays open, loses its
 * deadline, and the room is told (once) how to close it instead.
 */
export function pollDeadlinesJob(
  stores: Stores,
  transport: MatrixTransport,
  settings: { defaultLanguage: Language; prefix: string; botUserId: string; retryPolicy: RetryPolicy },
  roomState: PollRoomState,
  afterQueued: () => void,
  log: Logger,
): ScheduledJob {
  const names: MemberNames = roomState;
  const items = new JobItems("poll-deadlines", stores, log);
  return {
    name: "poll-deadlines",
    async run(now) {
      let queued = false;
      for (const poll of stores.polls.polls.due(now)) {
        const language = stores.rooms.get(poll.roomId)?.language ?? settings.defaultLanguage;
        if (poll.external && poll.startEventId !== null) {
          let mayEnd: boolean;
          try {
            mayEnd = canRedactOthers(await roomState.powerLevels(poll.roomId), settings.botUserId);
          } catch (error) {
            log.warn("poll close postponed, power levels unknown", { poll: poll.id, error });
            continue;
          }
          if (!mayEnd) {
            log.info("poll deadline passed without the power to end it", { poll: poll.id });
            const told = items.attempt(`poll ${poll.id}`, { poll: poll.id, roomId: poll.roomId }, () => {
              stores.polls.polls.clearDeadline(poll.id);
              stores.outbox.enqueue(
                { txnId: txnIdFor(`poll-cannot-end:${poll.id}:${poll.deadline ?? 0}`), roomId: poll.roomId, eventType: "m.room.message", content: cannotEndContent(poll, names, language, settings.prefix), context: `poll ${poll.number} left open` },
                now,
              );
              return true;
            });
            queued = told === true || queued;
            continue;
          }
        }
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
        const closed = items.attempt(`poll ${poll.id}`, { poll: poll.id, roomId: poll.roomId }, () => closePoll(stores, poll, { by: "deadline", botUserId: settings.botUserId, names }, now, language, settings.prefix));
        queued = closed === true || queued;
      }
      if (queued) afterQueued();
    },
  };
}

/** Nobody is watching at the deadline: the message notifies the poll's author, who can end it. */
function cannotEndContent(poll: Poll, names: MemberNames, language: Language, prefix: string): Record<string, unknown> {
  const text = cannotEndText(poll, language, prefix);
  if (poll.createdBy === FORGOTTEN_MEMBER) return notifyingContent(renderMessage(text), { users: [] });
  const author = userPill(poll.createdBy, names.displayName(poll.roomId, poll.createdBy));
  return notifyingContent(renderMessage(joinMarkdown([author, text], " — ")), { users: [poll.createdBy] });
}
