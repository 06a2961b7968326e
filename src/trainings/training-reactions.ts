import type { Stores } from "../../storage/index.ts";
import type { Reaction, ReactionConsumer } from "../reactions/reaction-handler.ts";
import { answerOfReaction } from "../reactions/reaction-key.ts";
import { signUp, withdraw, type Messaging } from "./seats.ts";

/** ✅ on a session's announcement signs up; removing that reaction withdraws the sign-up. */
export class TrainingReactions implements ReactionConsumer {
  constructor(
    private readonly stores: Stores,
    private readonly messaging: Messaging,
    private readonly now: () => number,
    private readonly announcementChanged: () => void,
  ) {}

  onReaction(reaction: Reaction): string | undefined {
    const session = this.stores.trainings.trainings.byAnnouncement(reaction.targetEventId);
    if (session === undefined) return undefined;
    if (answerOfReaction(reaction.key) !== "yes") return "training-reaction-ignored";
    const result = signUp(this.stores, session, reaction.sender, this.now(), reaction.reactionEventId);
    this.announcementChanged();
    return `training-signup-${result.kind}`;
  }

  onRedaction(_roomId: string, redactedEventId: string): string | undefined {
    const registration = this.stores.trainings.registrations.byReaction(redactedEventId);
    if (registration === undefined) return undefined;
    const session = this.stores.trainings.trainings.session(registration.sessionId);
    if (session === undefined) return undefined;
    const result = withdraw(this.stores, session, registration.userId, this.now(), this.messaging);
    this.announcementChanged();
    return `training-withdraw-${result.kind}`;
  }
}
