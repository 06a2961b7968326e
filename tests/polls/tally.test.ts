import { describe, expect, it } from "vitest";
import { PollStartEvent } from "matrix-js-sdk/lib/extensible_events_v1/PollStartEvent.js";
import { PollResponseEvent } from "matrix-js-sdk/lib/extensible_events_v1/PollResponseEvent.js";
import { POLL_START, pollStartContent, type PollDefinition } from "../../src/polls/native-poll.ts";
import { countsText, resultText, tallyPoll, type PollResponse } from "../../src/polls/tally.ts";

const days: PollDefinition = {
  question: "Quand se réunir ?",
  answers: [
    { id: "lun", text: "Lundi" },
    { id: "mar", text: "Mardi" },
    { id: "mer", text: "Mercredi" },
  ],
  disclosed: true,
  maxSelections: 1,
};

let nextId = 0;
const vote = (sender: string, sentAt: number, ...selections: string[]): PollResponse => ({
  eventId: `$${String(nextId++).padStart(4, "0")}`,
  sender,
  sentAt,
  selections,
});

const counts = (poll: PollDefinition, responses: readonly PollResponse[], endedAt?: number): Record<string, number> =>
  Object.fromEntries(tallyPoll(poll, responses, endedAt).counts);

/**
 * Element Web's counting (MPollBody collectUserVotes + countVotes, Poll's end filter) run on
 * matrix-js-sdk's own classes, to check Minou shows the same numbers.
 */
function elementCounts(poll: PollDefinition, responses: readonly PollResponse[], endedAt?: number): Record<string, number> {
  const start = new PollStartEvent({ type: POLL_START, content: pollStartContent(poll) as never });
  const latest = new Map<string, PollResponse>();
  for (const response of responses.filter((r) => endedAt === undefined || r.sentAt <= endedAt)) {
    const other = latest.get(response.sender);
    if (!other || other.sentAt < response.sentAt) latest.set(response.sender, response);
  }
  const collected: Record<string, number> = Object.fromEntries(poll.answers.map((answer) => [answer.id, 0]));
  for (const response of latest.values()) {
    const parsed = PollResponseEvent.from([...response.selections], "$irrelevant");
    parsed.validateAgainst(start);
    if (!parsed.spoiled) for (const id of parsed.answerIds) collected[id] = (collected[id] ?? 0) + 1;
  }
  return collected;
}

describe("tallyPoll", () => {
  it("counts each voter once, lists voters and finds the winner", () => {
    const tally = tallyPoll(days, [vote("@a:x", 1, "lun"), vote("@b:x", 2, "lun"), vote("@c:x", 3, "mar")]);
    expect(Object.fromEntries(tally.counts)).toEqual({ lun: 2, mar: 1, mer: 0 });
    expect(tally.voters.get("lun")).toEqual(["@a:x", "@b:x"]);
    expect(tally.voters.get("mer")).toEqual([]);
    expect(tally).toMatchObject({ totalVoters: 3, spoiled: 0, winners: ["lun"] });
  });

  it("keeps only each voter's latest response by origin_server_ts, whatever the order they arrive in", () => {
    const changed = [vote("@a:x", 20, "mar"), vote("@a:x", 10, "lun"), vote("@b:x", 5, "lun")];
    expect(counts(days, changed)).toEqual({ lun: 1, mar: 1, mer: 0 });
    expect(counts(days, [...changed].reverse())).toEqual({ lun: 1, mar: 1, mer: 0 });
  });

  it("breaks a same-millisecond tie by the greater event id, so sync and /relations order agree", () => {
    const first = { eventId: "$aaa", sender: "@a:x", sentAt: 7, selections: ["lun"] };
    const second = { eventId: "$bbb", sender: "@a:x", sentAt: 7, selections: ["mar"] };
    expect(counts(days, [first, second])).toEqual({ lun: 0, mar: 1, mer: 0 });
    expect(counts(days, [second, first])).toEqual({ lun: 0, mar: 1, mer: 0 });
  });

  it("spoils a vote naming an unknown answer, even next to a known one, and does not fall back to an earlier vote", () => {
    const tally = tallyPoll(days, [vote("@a:x", 1, "lun"), vote("@a:x", 2, "lun", "jeu"), vote("@b:x", 3, "mar")]);
    expect(Object.fromEntries(tally.counts)).toEqual({ lun: 0, mar: 1, mer: 0 });
    expect(tally).toMatchObject({ spoiled: 1, totalVoters: 1, winners: ["mar"] });
    expect(tallyPoll(days, [vote("@a:x", 1, "")]).spoiled).toBe(1);
  });

  it("treats an empty selection as a withdrawn vote, neither counted nor spoiled", () => {
    const tally = tallyPoll(days, [vote("@a:x", 1, "lun"), vote("@a:x", 2)]);
    expect(tally).toMatchObject({ totalVoters: 0, spoiled: 0, winners: [] });
  });

  it("cuts a selection to max_selections and counts a repeated answer once", () => {
    const two = { ...days, maxSelections: 2 };
    expect(counts(days, [vote("@a:x", 1, "lun", "mar")])).toEqual({ lun: 1, mar: 0, mer: 0 });
    expect(counts(two, [vote("@a:x", 1, "lun", "mar", "mer")])).toEqual({ lun: 1, mar: 1, mer: 0 });
    expect(counts(two, [vote("@a:x", 1, "lun", "lun", "mar")])).toEqual({ lun: 1, mar: 0, mer: 0 });
  });

  it("ignores responses after the end, keeping the vote made before it", () => {
    const responses = [vote("@a:x", 10, "lun"), vote("@a:x", 30, "mar"), vote("@b:x", 20, "mer"), vote("@c:x", 31, "mar")];
    expect(counts(days, responses, 20)).toEqual({ lun: 1, mar: 0, mer: 1 });
  });

  it("has every top answer as a winner in a tie, and none without votes", () => {
    expect(tallyPoll(days, [vote("@a:x", 1, "mar"), vote("@b:x", 2, "lun")]).winners).toEqual(["lun", "mar"]);
    expect(tallyPoll(days, []).winners).toEqual([]);
  });

  it("gives the same counts as Element Web's algorithm on matrix-js-sdk", () => {
    const two = { ...days, maxSelections: 2 };
    const responses = [
      vote("@a:x", 1, "lun"), vote("@a:x", 5, "mar"), vote("@b:x", 2, "mer", "lun", "mar"), vote("@c:x", 3, "lun", "zzz"),
      vote("@d:x", 4, "mer"), vote("@d:x", 9, "lun"), vote("@e:x", 6, "mar"), vote("@e:x", 7),
    ];
    for (const poll of [days, two]) {
      for (const endedAt of [undefined, 5, 8]) expect(counts(poll, responses, endedAt)).toEqual(elementCounts(poll, responses, endedAt));
    }
  });
});

describe("resultText", () => {
  const tallyOf = (...responses: PollResponse[]) => tallyPoll(days, responses);

  it("names the top answer", () => {
    const tally = tallyOf(vote("@a:x", 1, "lun"), vote("@b:x", 2, "lun"), vote("@c:x", 3, "mar"));
    expect(resultText(days, tally, "fr")).toBe("Sondage clos. Réponse en tête : Lundi (2 voix sur 3).");
    expect(resultText(days, tally, "en")).toBe("Poll closed. Top answer: Lundi (2 votes out of 3).");
    expect(resultText(days, tallyOf(vote("@a:x", 1, "mer")), "en")).toBe("Poll closed. Top answer: Mercredi (1 vote out of 1).");
  });

  it("lists tied answers", () => {
    const tally = tallyOf(vote("@a:x", 1, "lun"), vote("@b:x", 2, "mar"), vote("@c:x", 3, "mer"));
    expect(resultText(days, tally, "fr")).toBe("Sondage clos. Égalité entre les réponses Lundi, Mardi et Mercredi (1 voix chacune sur 3).");
    expect(resultText(days, tally, "en")).toBe("Poll closed. Tie between Lundi, Mardi and Mercredi (1 vote each out of 3).");
  });

  it("says when nobody voted", () => {
    expect(resultText(days, tallyOf(), "fr")).toBe("Sondage clos sans aucun vote.");
    expect(resultText(days, tallyOf(vote("@a:x", 1)), "en")).toBe("Poll closed with no votes.");
  });
});

describe("countsText", () => {
  const tally = tallyPoll(days, [vote("@a:x", 1, "lun"), vote("@b:x", 2, "lun"), vote("@c:x", 3, "jeu")]);

  it("lists every answer with its count, the total and spoiled votes", () => {
    expect(countsText(days, tally, "fr", false)).toBe("Lundi : 2 voix\nMardi : 0 voix\nMercredi : 0 voix\nTotal : 2 votants\nBulletins nuls : 1");
    expect(countsText(days, tally, "en", false)).toBe("Lundi: 2 votes\nMardi: 0 votes\nMercredi: 0 votes\nTotal: 2 voters\nSpoiled: 1");
  });

  it("names the voters when asked", () => {
    expect(countsText(days, tally, "fr", true).split("\n")[0]).toBe("Lundi : 2 voix (@a:x et @b:x)");
    expect(countsText(days, tally, "en", true).split("\n")[0]).toBe("Lundi: 2 votes (@a:x and @b:x)");
  });
});
