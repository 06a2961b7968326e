import type { Stores } from "../../storage/index.ts";
import type { PollDefinition } from "./native-poll.ts";
import type { Poll, SlotAnswer } from "./model.ts";
import { tallyPoll, type Tally } from "./tally.ts";

/** The native-poll definition of a question poll, from what Minou stored. */
export function definitionOf(poll: Poll): PollDefinition {
  return {
    question: poll.question,
    answers: poll.options.map((option) => ({ id: option.answerId, text: option.label })),
    disclosed: poll.disclosed,
    maxSelections: 1,
  };
}

/** A question poll's results: from native responses, or from ballots (counts only once closed). */
export function questionTally(stores: Stores, poll: Poll): Tally {
  const definition = definitionOf(poll);
  if (!poll.anonymous) {
    return tallyPoll(definition, stores.polls.votes.responses(poll.id), poll.closedAt ?? undefined);
  }
  const counts = new Map(poll.options.map((option) => [option.answerId, 0]));
  const add = (position: number, count: number): void => {
    const option = poll.options.find((candidate) => candidate.position === position);
    if (option !== undefined) counts.set(option.answerId, (counts.get(option.answerId) ?? 0) + count);
  };
  if (poll.closedAt === null) for (const vote of stores.polls.votes.votes(poll.id)) add(vote.position, 1);
  else for (const final of stores.polls.votes.finalCounts(poll.id)) add(final.position, final.count);
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const most = Math.max(0, ...counts.values());
  const winners = most === 0 ? [] : [...counts].filter(([, count]) => count === most).map(([id]) => id);
  return { counts, voters: new Map(), spoiled: 0, totalVoters: total, winners };
}

export interface SlotTally {
  readonly position: number;
  readonly counts: Readonly<Record<SlotAnswer, number>>;
  /** Who answered what; empty for anonymous polls. */
  readonly voters: Readonly<Record<SlotAnswer, readonly string[]>>;
}

/** Per slot of a date poll: counts of oui / si besoin / non, and who. */
export function slotTallies(stores: Stores, poll: Poll): SlotTally[] {
  const tallies = poll.options.map((option) => ({
    position: option.position,
    counts: { yes: 0, maybe: 0, no: 0 },
    voters: { yes: [] as string[], maybe: [] as string[], no: [] as string[] },
  }));
  const at = (position: number) => tallies.find((tally) => tally.position === position);
  if (poll.anonymous && poll.closedAt !== null) {
    for (const final of stores.polls.votes.finalCounts(poll.id)) {
      const tally = at(final.position);
      if (tally !== undefined) tally.counts[final.answer] += final.count;
    }
    return tallies;
  }
  for (const vote of stores.polls.votes.votes(poll.id)) {
    const tally = at(vote.position);
    if (tally === undefined) continue;
    tally.counts[vote.answer] += 1;
    if (!poll.anonymous) tally.voters[vote.answer].push(vote.voter);
  }
  return tallies;
}

/** The slot that suits most: most "oui", then most "si besoin"; undefined when nobody answered oui or si besoin. */
export function bestSlot(tallies: readonly SlotTally[]): SlotTally | undefined {
  let best: SlotTally | undefined;
  for (const tally of tallies) {
    if (tally.counts.yes + tally.counts.maybe === 0) continue;
    if (best === undefined || tally.counts.yes > best.counts.yes || (tally.counts.yes === best.counts.yes && tally.counts.maybe > best.counts.maybe)) {
      best = tally;
    }
  }
  return best;
}
