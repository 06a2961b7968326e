import type { Stores } from "../../storage/index.ts";
import type { Reaction, ReactionConsumer } from "../reactions/reaction-handler.ts";
import { answerOfReaction } from "../reactions/reaction-key.ts";

/**
 * RSVP by reaction on an event's announcement: ✅ ❓ ❌ record the member's answer (latest wins),
 * removing the reaction withdraws it. The announcement is marked for a (debounced) edit.
 */
export class AgendaReactions implements ReactionConsumer {
  constructor(
    private readonly stores: Stores,
    private readonly now: () => number,
    private readonly announcementChanged: () => void,
  ) {}

  onReaction(reaction: Reaction): string | undefined {
    const { agenda } = this.stores;
    const event = agenda.events.byAnnouncement(reaction.targetEventId);
    if (event === undefined || event.roomId !== reaction.roomId) return undefined;
    const answer = answerOfReaction(reaction.key);
    if (answer === undefined) return "agenda-reaction-ignored";
    agenda.answers.record(event.id, reaction.sender, answer, reaction.reactionEventId, reaction.sentAt);
    agenda.announcements.markDirty(event.id, this.now());
    this.announcementChanged();
    return `agenda-answer-${answer}`;
  }

  onRedaction(_roomId: string, redactedEventId: string): string | undefined {
    const { agenda } = this.stores;
    const eventId = agenda.answers.withdrawReaction(redactedEventId);
    if (eventId === undefined) return undefined;
    agenda.announcements.markDirty(eventId, this.now());
    this.announcementChanged();
    return "agenda-answer-withdrawn";
  }
}
