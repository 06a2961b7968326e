import type { SlotAnswer } from "../../src/polls/model.ts";
import type { Db } from "../database.ts";

export interface SlotVote {
  readonly position: number;
  readonly voter: string;
  readonly answer: SlotAnswer;
  readonly answeredAt: number;
}

/** A vote Minou recorded for a member (date-poll slot, or a ballot by code), for their export. */
export interface MemberVote extends Omit<SlotVote, "voter"> {
  readonly pollId: number;
  readonly byReaction: boolean;
}

export interface StoredResponse {
  readonly eventId: string;
  readonly sender: string;
  readonly sentAt: number;
  readonly selections: readonly string[];
}

/**
 * Votes: native poll responses as received (tallied by MSC3381's rules when read), Minou-recorded
 * votes per slot or answer (reactions, `!sondage voter`, direct messages), and the counts kept
 * once an anonymous poll's ballots are erased.
 */
export class PollVotesStore {
  private readonly insertResponse;
  private readonly selectResponses;
  private readonly insertVote;
  private readonly deleteVoterVotes;
  private readonly deleteByReaction;
  private readonly selectPollOfReaction;
  private readonly selectLatestVotes;
  private readonly selectVoterVotes;
  private readonly insertFinal;
  private readonly selectFinal;
  private readonly deleteVotes;
  private readonly selectMemberVotes;
  private readonly selectMemberResponses;
  private readonly deleteMemberVotes;
  private readonly deleteMemberResponses;

  constructor(db: Db) {
    this.insertResponse = db.prepare<[string, number, string, number, string]>(
      "INSERT INTO poll_responses (event_id, poll_id, sender, sent_at, selections) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    );
    this.selectResponses = db.prepare<[number], { event_id: string; sender: string; sent_at: number; selections: string }>(
      "SELECT * FROM poll_responses WHERE poll_id = ? ORDER BY sent_at, event_id",
    );
    this.insertVote = db.prepare<[number, number, string, SlotAnswer, string | null, number]>(
      `INSERT INTO poll_votes (poll_id, position, voter, answer, reaction_event_id, answered_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (reaction_event_id) DO NOTHING`,
    );
    this.deleteVoterVotes = db.prepare<[number, string]>("DELETE FROM poll_votes WHERE poll_id = ? AND voter = ?");
    this.deleteByReaction = db.prepare<[string]>("DELETE FROM poll_votes WHERE reaction_event_id = ?");
    this.selectPollOfReaction = db.prepare<[string], { poll_id: number }>("SELECT poll_id FROM poll_votes WHERE reaction_event_id = ?");
    // Each voter's latest answer per slot (reactions add up; the last one stands, as with RSVPs).
    this.selectLatestVotes = db.prepare<[number], { position: number; voter: string; answer: SlotAnswer; answered_at: number }>(
      `SELECT position, voter, answer, answered_at FROM (
         SELECT position, voter, answer, answered_at,
           row_number() OVER (PARTITION BY position, voter ORDER BY answered_at DESC, id DESC) AS rank
         FROM poll_votes WHERE poll_id = ?)
       WHERE rank = 1 ORDER BY position, answered_at, voter`,
    );
    this.selectVoterVotes = db.prepare<[number, string], { position: number; answer: SlotAnswer; answered_at: number }>(
      "SELECT position, answer, answered_at FROM poll_votes WHERE poll_id = ? AND voter = ? ORDER BY position",
    );
    this.insertFinal = db.prepare<[number, number, SlotAnswer, number]>(
      "INSERT INTO poll_final_counts (poll_id, position, answer, count) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET count = excluded.count",
    );
    this.selectFinal = db.prepare<[number], { position: number; answer: SlotAnswer; count: number }>(
      "SELECT position, answer, count FROM poll_final_counts WHERE poll_id = ? ORDER BY position",
    );
    this.deleteVotes = db.prepare<[number]>("DELETE FROM poll_votes WHERE poll_id = ?");
    this.selectMemberVotes = db.prepare<[string], { poll_id: number; position: number; answer: SlotAnswer; answered_at: number; reaction_event_id: string | null }>(
      "SELECT poll_id, position, answer, answered_at, reaction_event_id FROM poll_votes WHERE voter = ? ORDER BY poll_id, position, answered_at, id",
    );
    this.selectMemberResponses = db.prepare<[string], { event_id: string; poll_id: number; sent_at: number; selections: string }>(
      "SELECT event_id, poll_id, sent_at, selections FROM poll_responses WHERE sender = ? ORDER BY poll_id, sent_at, event_id",
    );
    this.deleteMemberVotes = db.prepare<[string], { poll_id: number }>("DELETE FROM poll_votes WHERE voter = ? RETURNING poll_id");
    this.deleteMemberResponses = db.prepare<[string], { poll_id: number }>("DELETE FROM poll_responses WHERE sender = ? RETURNING poll_id");
  }

  recordResponse(pollId: number, response: StoredResponse): boolean {
    return this.insertResponse.run(response.eventId, pollId, response.sender, response.sentAt, JSON.stringify(response.selections)).changes === 1;
  }

  responses(pollId: number): StoredResponse[] {
    return this.selectResponses.all(pollId).map((row) => ({
      eventId: row.event_id,
      sender: row.sender,
      sentAt: row.sent_at,
      selections: JSON.parse(row.selections) as string[],
    }));
  }

  /** A vote given by reaction on a slot message. */
  recordReaction(pollId: number, position: number, voter: string, answer: SlotAnswer, reactionEventId: string, at: number): void {
    this.insertVote.run(pollId, position, voter, answer, reactionEventId, at);
  }

  /** Replaces all of a voter's votes with these (a `!sondage voter` line, a direct-message vote). */
  replaceVoter(pollId: number, voter: string, votes: readonly { position: number; answer: SlotAnswer }[], at: number): void {
    this.deleteVoterVotes.run(pollId, voter);
    for (const vote of votes) this.insertVote.run(pollId, vote.position, voter, vote.answer, null, at);
  }

  /** Withdraws a reaction's vote; returns its poll, if it was one. */
  withdrawReaction(reactionEventId: string): number | undefined {
    const pollId = this.selectPollOfReaction.get(reactionEventId)?.poll_id;
    if (pollId !== undefined) this.deleteByReaction.run(reactionEventId);
    return pollId;
  }

  votes(pollId: number): SlotVote[] {
    return this.selectLatestVotes.all(pollId).map((row) => ({ position: row.position, voter: row.voter, answer: row.answer, answeredAt: row.answered_at }));
  }

  votesOf(pollId: number, voter: string): { position: number; answer: SlotAnswer }[] {
    return this.selectVoterVotes.all(pollId, voter).map((row) => ({ position: row.position, answer: row.answer }));
  }

  /** Keeps the counts and forgets who voted what (anonymous polls, at close). */
  eraseVoters(pollId: number): void {
    const counts = new Map<string, number>();
    for (const vote of this.votes(pollId)) {
      const key = `${vote.position}:${vote.answer}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, count] of counts) {
      const [position, answer] = key.split(":") as [string, SlotAnswer];
      this.insertFinal.run(pollId, Number(position), answer, count);
    }
    this.deleteVotes.run(pollId);
  }

  finalCounts(pollId: number): { position: number; answer: SlotAnswer; count: number }[] {
    return this.selectFinal.all(pollId);
  }

  /** Every vote Minou recorded for a member, for the export of their data. */
  votesOfMember(voter: string): MemberVote[] {
    return this.selectMemberVotes.all(voter).map((row) => ({
      pollId: row.poll_id,
      position: row.position,
      answer: row.answer,
      answeredAt: row.answered_at,
      byReaction: row.reaction_event_id !== null,
    }));
  }

  /** Minou's copies of a member's native poll responses, for the export of their data. */
  responsesOfMember(sender: string): (StoredResponse & { readonly pollId: number })[] {
    return this.selectMemberResponses.all(sender).map((row) => ({
      pollId: row.poll_id,
      eventId: row.event_id,
      sender,
      sentAt: row.sent_at,
      selections: JSON.parse(row.selections) as string[],
    }));
  }

  /** Withdraws a member's votes and Minou's copies of their responses; returns the polls concerned. */
  eraseMember(userId: string): number[] {
    const polls = [...this.deleteMemberVotes.all(userId), ...this.deleteMemberResponses.all(userId)].map((row) => row.poll_id);
    return [...new Set(polls)];
  }
}
