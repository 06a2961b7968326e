import type { Stores } from "../../storage/index.ts";
import { md } from "../render/markdown.ts";
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
  return [
    effect(
      voted,
      ["sondage où vous avez voté : votre vote est retiré du tableau et des comptes", "sondages où vous avez voté : vos votes sont retirés des tableaux et des comptes"],
      ["poll you voted in: your vote is withdrawn from its table and counts", "polls you voted in: your votes are withdrawn from their tables and counts"],
    ),
    effect(
      named,
      ["sondage lancé ou clos par vous, qui reste sans votre nom", "sondages lancés ou clos par vous, qui restent sans votre nom"],
      ["poll you started or closed, which stays without your name", "polls you started or closed, which stay without your name"],
    ),
  ];
}

/** Polls' share of a member's data: Minou's votes for them, its copies of their Element votes, their name on polls. */
export const pollsPersonalData: PersonalDataPart = {
  key: "polls",
  describe({ language, retention }) {
    return language === "fr"
      ? md`**Sondages** — vos réponses aux sondages de dates, vos votes par code aux sondages anonymes (le lien avec vous est effacé à la clôture, seuls les totaux restent), une copie de vos votes aux sondages Element (pour les compter et clore le sondage à l'heure), et votre nom sur les sondages que vous avez lancés ou clos. Un sondage est effacé ${retention.closedPollsDays} jours après sa clôture.`
      : md`**Polls** — your answers to date polls, your votes by code in anonymous polls (the link to you is erased when the poll closes, only the totals stay), a copy of your votes in Element polls (to count them and close the poll on time), and your name on the polls you started or closed. A poll is deleted ${retention.closedPollsDays} days after it closed.`;
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
