import type { InboundEvent, MatrixEvent } from "../../storage/inbound-events-store.ts";
import type { Effect, InboundHandler } from "../pipeline/inbound-processor.ts";

export interface Reaction {
  readonly roomId: string;
  readonly reactionEventId: string;
  /** The message reacted to. */
  readonly targetEventId: string;
  readonly sender: string;
  readonly key: string;
  readonly sentAt: number;
}

/** A feature whose messages members answer with reactions (agenda announcements, poll slots…). */
export interface ReactionConsumer {
  /** Runs in the handling transaction; returns an outcome when the reaction was for this feature. */
  onReaction(reaction: Reaction): string | undefined;
  /** A redaction of some event: if it was one of this feature's reactions, withdraw it. */
  onRedaction(roomId: string, redactedEventId: string, sender: string): string | undefined;
}

/** Routes reactions (m.annotation) and their removal (redaction) to the features that own them. */
export class ReactionHandler implements InboundHandler {
  readonly eventTypes = ["m.reaction", "m.room.redaction"] as const;

  constructor(
    private readonly consumers: readonly ReactionConsumer[],
    private readonly botUserId: string,
    /** A member who erased their data: their reactions from before it (a late sync, a gap filled) must not come back. */
    private readonly sentBeforeErasure: (sender: string, sentAt: number) => boolean = () => false,
  ) {}

  async prepare(item: InboundEvent): Promise<Effect | undefined> {
    const { event, roomId } = item;
    if (event.sender === this.botUserId) return undefined;
    if (event.type === "m.room.redaction") {
      const redacted = redactedEventId(event);
      if (redacted === undefined) return undefined;
      return () => this.first((consumer) => consumer.onRedaction(roomId, redacted, event.sender));
    }
    const reaction = readReaction(roomId, event);
    if (reaction === undefined) return undefined;
    if (this.sentBeforeErasure(reaction.sender, reaction.sentAt)) return () => "reaction-before-erasure";
    return () => this.first((consumer) => consumer.onReaction(reaction));
  }

  private first(handle: (consumer: ReactionConsumer) => string | undefined): string {
    for (const consumer of this.consumers) {
      const outcome = handle(consumer);
      if (outcome !== undefined) return outcome;
    }
    return "ignored";
  }
}

/** Room versions up to 10 put `redacts` at the top level; v11 moved it into the content. */
function redactedEventId(event: MatrixEvent): string | undefined {
  const inContent = event.content["redacts"];
  if (typeof inContent === "string") return inContent;
  return typeof event.redacts === "string" ? event.redacts : undefined;
}

function readReaction(roomId: string, event: MatrixEvent): Reaction | undefined {
  const relation = event.content["m.relates_to"] as Record<string, unknown> | undefined;
  if (relation?.["rel_type"] !== "m.annotation") return undefined;
  const target = relation["event_id"];
  const key = relation["key"];
  if (typeof target !== "string" || typeof key !== "string") return undefined;
  return { roomId, reactionEventId: event.event_id, targetEventId: target, sender: event.sender, key, sentAt: event.origin_server_ts };
}
