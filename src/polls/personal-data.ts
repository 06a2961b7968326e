import type { Stores } from "../../storage/index.ts";
import { t } from "../i18n/catalog.ts";
import { DAY_MS, effect, isoTime, roomRef, type ErasureEffect, type MemberScope, type PersonalDataPart } from "../privacy/personal-data.ts";
import type { Poll } from "./model.ts";
import { slotLabel } from "./poll-texts.ts";

function pollRef(stores: Stores, poll: Poll): Record<string, unknown> {
  return { room: roomRef(stores, poll.roomId), poll: poll.number, question: poll.question, open: poll.closedAt === null, anonymous: poll.anonymous };
}

function pollsWithVotes(scope: MemberScope): number {
  const { votes } = scope.stores.polls;
  return new Set([...votes.votesOfMember(scope.userId), ...votes.responsesOfMember(scope.userId)].map((vote) => vote.pollId)).size;
}

function effects(voted: number, named: number): ErasureEffect[] {
  return [effect(voted, "privacy.polls.votesWithdrawn"), effect(named, "privacy.polls.pollsKept")];
}

/** Polls' share of a member's data: Minou's votes for them, its copies of their Element votes, their name on polls. */
export const pollsPersonalData: PersonalDataPart = {
  key: "polls",
  describe({ language, retention }) {
    return t(language, "privacy.polls.describe", { days: retention.closedPollsDays });
  },
  collect({ stores, userId, timeZone, language }) {
    const { polls, votes } = stores.polls;
    const pollOf = (id: number): Poll | undefined => polls.get(id);
    return {
      votes: votes.votesOfMember(userId).flatMap((vote) => {
        const poll = pollOf(vote.pollId);
        const option = poll?.options.find((candidate) => candidate.position === vote.position);
        if (poll === undefined || option === undefined) return [];
        return [{ ...pollRef(stores, poll), choice: `${option.position}. ${slotLabel(poll, option, language)}`, answer: vote.answer, answeredAt: isoTime(vote.answeredAt, timeZone), via: vote.byReaction ? "reaction" : "command" }];
      }),
      elementPollResponses: votes.responsesOfMember(userId).flatMap((response) => {
        const poll = pollOf(response.pollId);
        if (poll === undefined) return [];
        const answers = response.selections.map((id) => poll.options.find((option) => option.answerId === id)?.label ?? id);
        return [{ ...pollRef(stores, poll), answers, sentAt: isoTime(response.sentAt, timeZone), matrixEvent: response.eventId }];
      }),
      pollsStartedOrClosed: polls.startedOrClosedBy(userId).map((poll) => ({
        ...pollRef(stores, poll),
        startedByYou: poll.createdBy === userId,
        closedByYou: poll.closedBy === userId,
        createdAt: isoTime(poll.createdAt, timeZone),
      })),
    };
  },
  preview(scope) {
    return effects(pollsWithVotes(scope), scope.stores.polls.polls.startedOrClosedBy(scope.userId).length);
  },
  erase({ stores, userId, now }) {
    const { polls, votes } = stores.polls;
    const changed = votes.eraseMember(userId);
    for (const pollId of changed) polls.markSummaryDirty(pollId, now);
    const named = polls.startedOrClosedBy(userId).length;
    polls.forgetMember(userId);
    return effects(changed.length, named);
  },
  purge(stores, now, retention) {
    stores.polls.polls.purgeClosedBefore(now - retention.closedPollsDays * DAY_MS);
  },
};
