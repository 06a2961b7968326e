/**
 * Counting a native poll the way MSC3381 says and Element Web shows it
 * (Element: MPollBody.tsx collectUserVotes/countVotes over matrix-js-sdk's
 * PollResponseEvent.validateAgainst and Poll's end filter).
 */
import { plainText } from "../i18n/catalog.ts";
import { localeOf, type Language } from "../i18n/language.ts";
import type { PollDefinition } from "./native-poll.ts";

export interface PollResponse {
  readonly eventId: string;
  readonly sender: string;
  /** origin_server_ts of the response event. */
  readonly sentAt: number;
  readonly selections: readonly string[];
}

export interface Tally {
  /** Answer id → votes; every answer of the poll is present, in poll order. */
  readonly counts: ReadonlyMap<string, number>;
  /** Answer id → user ids who chose it, in the order of their latest responses. */
  readonly voters: ReadonlyMap<string, readonly string[]>;
  /** Voters whose latest response names an unknown or unreadable answer: not counted. */
  readonly spoiled: number;
  /** Voters whose latest response counts (withdrawn and spoiled ones excluded). */
  readonly totalVoters: number;
  /** Answer ids with the most votes, in poll order; empty when nobody's vote counts. */
  readonly winners: readonly string[];
}

/** True when `a` replaces `b` as a voter's latest response. */
function isLater(a: PollResponse, b: PollResponse): boolean {
  if (a.sentAt !== b.sentAt) return a.sentAt > b.sentAt;
  // Same millisecond: Element keeps whichever relation it happened to see first (`otherResponse.ts <
  // response.ts`), which depends on sync versus /relations order. The event id makes it deterministic.
  return a.eventId > b.eventId;
}

function latestPerVoter(responses: readonly PollResponse[], endedAt: number | undefined): PollResponse[] {
  const latest = new Map<string, PollResponse>();
  for (const response of responses) {
    // MSC3381: "only votes sent on or before that timestamp are considered"; matrix-js-sdk drops later
    // ones before picking the latest (`event.getTs() <= pollEndTimestamp`), so a late change of mind
    // leaves the earlier vote standing.
    if (endedAt !== undefined && response.sentAt > endedAt) continue;
    const known = latest.get(response.sender);
    if (known === undefined || isLater(response, known)) latest.set(response.sender, response);
  }
  return [...latest.values()].sort((a, b) => (isLater(a, b) ? 1 : isLater(b, a) ? -1 : 0));
}

/**
 * The answer ids a voter's latest response counts for, or "spoiled". Unknown ids are looked for in
 * the whole selection before it is cut to max_selections, as matrix-js-sdk's validateAgainst does
 * (`answers.some(a => !poll.answers.some(...))`, then `slice(0, poll.maxSelections)`). Repeats count
 * once (MSC3381 "each sender gets 1 vote"; Element would count a repeat twice, but never sends one).
 */
function countedSelections(poll: PollDefinition, selections: readonly string[]): readonly string[] | "spoiled" {
  const known = new Set(poll.answers.map((answer) => answer.id));
  if (selections.some((id) => !known.has(id))) return "spoiled";
  return [...new Set(selections.slice(0, poll.maxSelections))];
}

/**
 * Tally of a poll: each voter's latest response (by origin_server_ts, ties → greater event id) among
 * those sent on or before `endedAt`. An empty selection withdraws the vote; an unknown answer id
 * spoils it (MSC3381 "If any of the supplied answers is unknown, the sender's vote is spoiled (as if
 * they didn't make a selection)"), which is what Element counts too: nothing for that voter.
 */
export function tallyPoll(poll: PollDefinition, responses: readonly PollResponse[], endedAt?: number): Tally {
  const voters = new Map<string, string[]>(poll.answers.map((answer) => [answer.id, []]));
  let spoiled = 0;
  let totalVoters = 0;
  for (const response of latestPerVoter(responses, endedAt)) {
    if (response.selections.length === 0) continue;
    const counted = countedSelections(poll, response.selections);
    if (counted === "spoiled") {
      spoiled += 1;
      continue;
    }
    totalVoters += 1;
    for (const id of counted) voters.get(id)?.push(response.sender);
  }
  const counts = new Map([...voters].map(([id, users]) => [id, users.length]));
  const most = Math.max(0, ...counts.values());
  const winners = most === 0 ? [] : [...counts].filter(([, count]) => count === most).map(([id]) => id);
  return { counts, voters, spoiled, totalVoters, winners };
}

function answerText(poll: PollDefinition, id: string): string {
  return poll.answers.find((answer) => answer.id === id)?.text ?? id;
}

/** The closing sentence, for the poll end event Element shows under the poll (plain text). */
export function resultText(poll: PollDefinition, tally: Tally, language: Language): string {
  const [first] = tally.winners;
  if (first === undefined) return plainText(language, "polls.result.noVotes");
  const votes = tally.counts.get(first) ?? 0;
  if (tally.winners.length === 1) return plainText(language, "polls.result.winner", { answer: answerText(poll, first), votes, total: tally.totalVoters });
  const names = tally.winners.map((id) => answerText(poll, id));
  const answers = new Intl.ListFormat(localeOf(language), { type: "conjunction" }).format(names);
  return plainText(language, "polls.result.tie", { answers, votes, total: tally.totalVoters });
}

/**
 * One plain-text line per answer with its count (and who voted, when the poll may show it), then
 * the total and any spoiled votes, voters named by `nameOf`. No Markdown here: the caller escapes
 * and formats each line.
 */
export function countsText(poll: PollDefinition, tally: Tally, language: Language, showVoters: boolean, nameOf: (userId: string) => string = (userId) => userId): string {
  const list = new Intl.ListFormat(localeOf(language), { type: "conjunction" });
  const lines = poll.answers.map((answer) => {
    const votes = tally.counts.get(answer.id) ?? 0;
    const users = tally.voters.get(answer.id) ?? [];
    return showVoters && users.length > 0
      ? plainText(language, "polls.result.countWithVoters", { answer: answer.text, votes, voters: list.format(users.map(nameOf)) })
      : plainText(language, "polls.result.count", { answer: answer.text, votes });
  });
  lines.push(plainText(language, "polls.result.total", { count: tally.totalVoters }));
  if (tally.spoiled > 0) lines.push(plainText(language, "polls.result.spoiled", { count: tally.spoiled }));
  return lines.join("\n");
}
