import { defineCommand, refuse, reply, type CommandContext, type CommandResult } from "../../src/dispatch/command.ts";
import { fold } from "../../src/dispatch/fold.ts";
import { readRecordNumber } from "../../src/dispatch/parse-args.ts";
import type { Poll, SlotAnswer } from "../../src/polls/model.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { plainText, t } from "../../src/i18n/catalog.ts";
import { commandExample, yesPerSlot } from "../../src/polls/poll-texts.ts";
import type { Markdown } from "../../src/render/markdown.ts";

const WORDS: Readonly<Record<string, SlotAnswer>> = {
  oui: "yes", o: "yes", yes: "yes", y: "yes", "✅": "yes", ok: "yes",
  non: "no", n: "no", no: "no", "❌": "no",
  sibesoin: "maybe", "si-besoin": "maybe", "peut-etre": "maybe", peutetre: "maybe", maybe: "maybe", "?": "maybe", "❓": "maybe", ifneeded: "maybe", "if-needed": "maybe",
};

function readAnswers(text: string): SlotAnswer[] | undefined {
  const answers = text.trim().split(/\s+/u).map((word) => WORDS[fold(word).replace(/\uFE0F/gu, "")]);
  return answers.every((answer): answer is SlotAnswer => answer !== undefined) ? answers : undefined;
}

const isNumber = (reference: string): boolean => /^(#|n°)?\d+$/iu.test(reference);

function recordVote(context: CommandContext, poll: Poll, reference: string, text: string): CommandResult {
  const { stores, now, language, sender, prefix } = context;
  if (poll.closedAt !== null) return refuse(t(language, "polls.voter.closed", { number: poll.number }));
  const example = (answers: string): Markdown => commandExample(prefix, plainText(language, "polls.voter.example", { poll: reference, answers }));
  let votes: { position: number; answer: SlotAnswer }[];
  if (poll.kind === "dates") {
    const answers = readAnswers(text);
    if (answers === undefined || answers.length !== poll.options.length) {
      return refuse(t(language, "polls.voter.onePerSlot", { count: poll.options.length, example: example(yesPerSlot(poll, language)) }));
    }
    votes = answers.map((answer, index) => ({ position: index + 1, answer }));
  } else {
    const position = Number.parseInt(text.trim().replace(/^(#|n°)/iu, ""), 10);
    if (!poll.options.some((option) => option.position === position)) {
      return refuse(t(language, "polls.voter.answerNumber", { count: poll.options.length, example: example("1") }));
    }
    votes = [{ position, answer: "yes" }];
  }
  stores.polls.votes.replaceVoter(poll.id, sender.userId, votes, now);
  stores.polls.polls.markSummaryDirty(poll.id, now);
  if (poll.kind !== "dates") return reply(t(language, "polls.voter.recordedAnswer", { question: poll.question, position: votes[0]?.position ?? 0 }));
  const listed = votes.map((vote) => `${vote.position} ${{ yes: "✅", maybe: "❓", no: "❌" }[vote.answer]}`).join(" · ");
  return reply(t(language, "polls.voter.recordedSlots", { question: poll.question, answers: listed }));
}

export const voter = defineCommand({
  texts: "polls.voter",
  group: "polls",
  args: [
    { name: "poll", kind: "word" },
    { name: "answers", kind: "text" },
  ],
  permission: "member",
  senderMembershipIn(stores, { poll: reference }) {
    const poll = isNumber(reference) ? undefined : stores.polls.polls.byCode(reference);
    return poll?.anonymous === true ? poll.roomId : undefined;
  },
  execute(context, { poll: reference, answers }) {
    const { stores, room, language } = context;
    if (!isNumber(reference)) {
      const poll = stores.polls.polls.byCode(reference);
      if (poll === undefined || !poll.anonymous) return refuse(t(language, "polls.voter.unknownCode", { code: excerpt(reference) }));
      if (poll.roomId === room.roomId) return refuse(t(language, "polls.voter.inRoom"));
      // The code may travel beyond the room: only its members vote, one account one vote.
      const joined = context.senderJoined(poll.roomId);
      if (joined === false) return refuse(t(language, "polls.voter.notMember"));
      if (joined === undefined) return refuse(t(language, "polls.voter.membershipUnknown"));
      return recordVote(context, poll, reference, answers);
    }
    // Too big to be read exactly (99999999999999999999 would read 1e20): no poll's, quoted as typed.
    const number = readRecordNumber(reference);
    const poll = number === undefined ? undefined : stores.polls.polls.byNumber(room.roomId, number);
    if (poll === undefined) {
      const shown = number ?? excerpt(reference.replace(/^(#|n°)/iu, ""));
      return refuse(t(language, "polls.lookup.notFound", { number: shown }));
    }
    if (poll.anonymous) return refuse(t(language, "polls.voter.anonymous", { number: poll.number }));
    if (poll.kind === "question") return refuse(t(language, "polls.voter.inElement", { number: poll.number }));
    return recordVote(context, poll, String(poll.number), answers);
  },
});
