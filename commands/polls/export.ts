import { memberName } from "../../src/matrix/display-names.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import type { Poll, SlotAnswer } from "../../src/polls/model.ts";
import { toCsv } from "../../src/polls/csv.ts";
import { definitionOf, questionTally, slotTallies } from "../../src/polls/poll-state.ts";
import { slotLabel } from "../../src/polls/poll-texts.ts";
import type { Stores } from "../../storage/index.ts";
import type { Language } from "../../src/i18n/language.ts";
import { plainText, t } from "../../src/i18n/catalog.ts";
import { findPoll, isPoll } from "./poll-lookup.ts";

/** The export's words for a date poll's answers: "oui", "si besoin", "non". */
function answerWord(language: Language, answer: SlotAnswer): string {
  return plainText(language, `polls.export.answer.${answer}`);
}

/** Who answered what per slot or answer; for anonymous polls, only the counts. */
function rows(stores: Stores, poll: Poll, language: Language, shownIn: string): (string | number)[][] {
  const column = (name: "name" | "matrixId" | "slot" | "answer" | "votes"): string => plainText(language, `polls.export.column.${name}`);
  // A person's name, for people, and their Matrix ID, for a machine (both cells neutralised by toCsv).
  const member = [column("name"), column("matrixId")];
  const person = (userId: string): string[] => [memberName(stores, [poll.roomId, shownIn], userId), userId];
  if (poll.kind === "dates") {
    const labels = poll.options.map((option) => `${option.position}. ${slotLabel(poll, option, language)}`);
    if (poll.anonymous) {
      const tallies = slotTallies(stores, poll);
      return [[column("slot"), answerWord(language, "yes"), answerWord(language, "maybe"), answerWord(language, "no")], ...tallies.map((tally, index) => [labels[index] ?? "", tally.counts.yes, tally.counts.maybe, tally.counts.no])];
    }
    const votes = stores.polls.votes.votes(poll.id);
    const voters = [...new Set(votes.map((vote) => vote.voter))];
    return [
      [...member, ...labels],
      ...voters.map((voter) => [...person(voter), ...poll.options.map((option) => {
        const vote = votes.find((candidate) => candidate.voter === voter && candidate.position === option.position);
        return vote === undefined ? "" : answerWord(language, vote.answer);
      })]),
    ];
  }
  const tally = questionTally(stores, poll);
  const answers = definitionOf(poll).answers;
  if (poll.anonymous || (!poll.disclosed && poll.closedAt === null)) {
    return [[column("answer"), column("votes")], ...answers.map((answer) => [answer.text, tally.counts.get(answer.id) ?? 0])];
  }
  return [[...member, column("answer")], ...answers.flatMap((answer) => (tally.voters.get(answer.id) ?? []).map((voter) => [...person(voter), answer.text]))];
}

export const exportPoll = defineCommand({
  texts: "polls.export",
  group: "polls",
  args: [{ name: "number", kind: "integer", min: 1 }],
  permission: "member",
  execute(context, { number }) {
    const found = findPoll(context, number);
    if (!isPoll(found)) return found;
    const { stores, language } = context;
    const data = toCsv(rows(stores, found, language, context.room.roomId));
    const filename = plainText(language, "polls.export.filename", { number: found.number });
    return reply(t(language, "polls.export.done", { number: found.number }), {
      followUps: [
        {
          eventType: "m.room.message",
          content: { msgtype: "m.file", body: filename, filename, info: { mimetype: "text/csv", size: data.length } },
          attachment: { filename, mimeType: "text/csv", data },
        },
      ],
    });
  },
});
