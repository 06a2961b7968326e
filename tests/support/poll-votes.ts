import { PollResponseEvent } from "matrix-js-sdk/lib/extensible_events_v1/PollResponseEvent.js";
import { PollStartEvent } from "matrix-js-sdk/lib/extensible_events_v1/PollStartEvent.js";
import { M_POLL_KIND_DISCLOSED } from "matrix-js-sdk/lib/@types/polls.js";
import type { Member } from "./member.ts";

/** Votes as Element does: matrix-js-sdk's own serialisation of a poll response. */
export async function vote(member: Member, roomId: string, pollStartId: string, answerIds: string[]): Promise<string> {
  const response = PollResponseEvent.from(answerIds, pollStartId).serialize();
  const { event_id: eventId } = await member.client.sendEvent(roomId, response.type as never, response.content as never);
  return eventId;
}

/** A poll started from Element (not by Minou). */
export async function startPoll(member: Member, roomId: string, question: string, answers: string[]): Promise<string> {
  const start = PollStartEvent.from(question, answers, M_POLL_KIND_DISCLOSED.name).serialize();
  const { event_id: eventId } = await member.client.sendEvent(roomId, start.type as never, start.content as never);
  return eventId;
}
