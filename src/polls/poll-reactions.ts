import type { Stores } from "../../storage/index.ts";
import type { Reaction, ReactionConsumer } from "../reactions/reaction-handler.ts";
import { answerOfReaction } from "../reactions/reaction-key.ts";

/** Date polls in Element: ✅ ❓ ❌ under each slot's message are that member's answer for the slot. */
export class PollReactions implements ReactionConsumer {
  constructor(
    private readonly stores: Stores,
    private readonly now: () => number,
    private readonly summaryChanged: () => void,
  ) {}

  onReaction(reaction: Reaction): string | undefined {
    const { polls } = this.stores;
    const slot = polls.polls.slotOfMessage(reaction.targetEventId);
    if (slot === undefined || slot.poll.roomId !== reaction.roomId) return undefined;
    if (slot.poll.closedAt !== null) return "poll-closed-reaction-ignored";
    const answer = answerOfReaction(reaction.key);
    if (answer === undefined) return "poll-reaction-ignored";
    polls.votes.recordReaction(slot.poll.id, slot.position, reaction.sender, answer, reaction.reactionEventId, reaction.sentAt);
    polls.polls.markSummaryDirty(slot.poll.id, this.now());
    this.summaryChanged();
    return `poll-slot-${answer}`;
  }

  onRedaction(_roomId: string, redactedEventId: string): string | undefined {
    const pollId = this.stores.polls.votes.withdrawReaction(redactedEventId);
    if (pollId === undefined) return undefined;
    this.stores.polls.polls.markSummaryDirty(pollId, this.now());
    this.summaryChanged();
    return "poll-slot-withdrawn";
  }
}
