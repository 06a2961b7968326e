import type { Stores } from "../../storage/index.ts";
import type { Reaction, ReactionConsumer } from "../reactions/reaction-handler.ts";
import { answerOfReaction } from "../reactions/reaction-key.ts";
import { sendDirect } from "../pipeline/direct-message.ts";
import { signUp, withdraw, type Messaging, type SignUpResult } from "./seats.ts";
import type { TrainingSession } from "./model.ts";
import { dm } from "./texts.ts";

/**
 * ✅ on a session's announcement signs up; removing that reaction withdraws the sign-up. A
 * reaction gets no reply in the room, so each sign-up by reaction is acknowledged by one direct
 * message (it notifies, and says the place on the waiting list).
 */
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
    const now = this.now();
    const result = signUp(this.stores, session, reaction.sender, now, reaction.reactionEventId);
    this.acknowledge(session, reaction.sender, reaction.reactionEventId, result, now);
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

  private acknowledge(session: TrainingSession, userId: string, reactionEventId: string, result: SignUpResult, now: number): void {
    const { language, prefix } = this.messaging;
    // Already signed up (by command, or a second ✅ key variant): they were told then.
    if (result.kind === "already") return;
    const text =
      result.kind === "registered"
        ? dm.signedUpByReaction(session, language, prefix, now)
        : result.kind === "waiting"
          ? dm.waitingByReaction(session, result.position, language, prefix)
          : dm.unavailableByReaction(session, result.reason, language);
    sendDirect(this.stores, userId, text, `training-reaction:${reactionEventId}`, now);
  }
}
