import type { Stores } from "../../storage/index.ts";
import type { InboundEvent } from "../../storage/inbound-events-store.ts";
import type { Language } from "../i18n/language.ts";
import type { Effect, InboundHandler } from "../pipeline/inbound-processor.ts";
import { POLL_END, POLL_RESPONSE, POLL_START, readPollStart, readSelections, referencedPoll, STABLE_POLL_END, STABLE_POLL_RESPONSE, STABLE_POLL_START } from "./native-poll.ts";

/**
 * Native poll events from members: their own polls (so `!sondage échéance` can close them), their
 * votes (every response is kept; the tally applies MSC3381's rules when read), and an end sent
 * from Element (Minou then won't end the poll again).
 */
export class PollEvents implements InboundHandler {
  readonly eventTypes = [POLL_START, STABLE_POLL_START, POLL_RESPONSE, STABLE_POLL_RESPONSE, POLL_END, STABLE_POLL_END] as const;

  constructor(
    private readonly stores: Stores,
    private readonly botUserId: string,
    private readonly defaults: { timeZone: string; language: Language },
  ) {}

  async prepare(item: InboundEvent): Promise<Effect | undefined> {
    const { event, roomId } = item;
    if (event.sender === this.botUserId) return undefined;
    const { polls } = this.stores;
    if (event.type === POLL_START || event.type === STABLE_POLL_START) {
      const definition = readPollStart(event.type, event.content);
      if (definition === undefined) return undefined;
      return () => {
        polls.polls.create(
          {
            roomId,
            kind: "question",
            question: definition.question,
            disclosed: definition.disclosed,
            anonymous: false,
            code: null,
            external: true,
            createdBy: event.sender,
            deadline: null,
            timeZone: this.stores.rooms.get(roomId)?.timeZone ?? this.defaults.timeZone,
            startEventId: event.event_id,
            options: definition.answers.map((answer, index) => ({ position: index + 1, answerId: answer.id, label: answer.text, startsAt: null, endsAt: null, allDay: false })),
          },
          event.origin_server_ts,
        );
        return "member-poll-recorded";
      };
    }
    const startId = referencedPoll(event.content);
    if (startId === undefined) return undefined;
    return () => {
      const poll = polls.polls.byStartEvent(startId);
      if (poll === undefined || poll.roomId !== roomId) return "poll-event-ignored";
      if (event.type === POLL_END || event.type === STABLE_POLL_END) {
        // MSC3381: only the poll's sender (or someone allowed to redact) may end it; Element checks
        // the same before showing it ended. A member can only end their own poll here.
        if (event.sender !== poll.createdBy) return "poll-end-ignored";
        polls.polls.close(poll.id, event.sender, event.origin_server_ts);
        return "poll-ended-by-member";
      }
      const selections = readSelections(event.type, event.content);
      if (selections === undefined || poll.anonymous) return "poll-response-ignored";
      // A response from before its sender's erasure (a late sync, a gap filled) stays uncounted.
      if (this.stores.privacy.erasedMembers.sentBeforeErasure(event.sender, event.origin_server_ts)) return "poll-response-erased";
      polls.votes.recordResponse(poll.id, { eventId: event.event_id, sender: event.sender, sentAt: event.origin_server_ts, selections });
      return "poll-response";
    };
  }
}
