import { memberName } from "../../src/matrix/display-names.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import type { Poll } from "../../src/polls/model.ts";
import { toCsv } from "../../src/polls/csv.ts";
import { definitionOf, questionTally, slotTallies } from "../../src/polls/poll-state.ts";
import { slotLabel } from "../../src/polls/poll-texts.ts";
import type { Stores } from "../../storage/index.ts";
import type { Language } from "../../src/i18n/language.ts";
import { md } from "../../src/render/markdown.ts";
import { findPoll, isPoll } from "./poll-lookup.ts";

const WORD: Readonly<Record<Language, Record<"yes" | "maybe" | "no", string>>> = {
  fr: { yes: "oui", maybe: "si besoin", no: "non" },
  en: { yes: "yes", maybe: "if needed", no: "no" },
};

/** Who answered what per slot or answer; for anonymous polls, only the counts. */
function rows(stores: Stores, poll: Poll, language: Language, shownIn: string): (string | number)[][] {
  const fr = language === "fr";
  // A person's name, for people, and their Matrix ID, for a machine (both cells neutralised by toCsv).
  const member = fr ? ["Nom", "Identifiant Matrix"] : ["Name", "Matrix ID"];
  const person = (userId: string): string[] => [memberName(stores, [poll.roomId, shownIn], userId), userId];
  if (poll.kind === "dates") {
    const labels = poll.options.map((option) => `${option.position}. ${slotLabel(poll, option, language)}`);
    if (poll.anonymous) {
      const tallies = slotTallies(stores, poll);
      return [[fr ? "Créneau" : "Slot", WORD[language].yes, WORD[language].maybe, WORD[language].no], ...tallies.map((tally, index) => [labels[index] ?? "", tally.counts.yes, tally.counts.maybe, tally.counts.no])];
    }
    const votes = stores.polls.votes.votes(poll.id);
    const voters = [...new Set(votes.map((vote) => vote.voter))];
    return [
      [...member, ...labels],
      ...voters.map((voter) => [...person(voter), ...poll.options.map((option) => {
        const vote = votes.find((candidate) => candidate.voter === voter && candidate.position === option.position);
        return vote === undefined ? "" : WORD[language][vote.answer];
      })]),
    ];
  }
  const tally = questionTally(stores, poll);
  const answers = definitionOf(poll).answers;
  if (poll.anonymous || (!poll.disclosed && poll.closedAt === null)) {
    return [[fr ? "Réponse" : "Answer", fr ? "Voix" : "Votes"], ...answers.map((answer) => [answer.text, tally.counts.get(answer.id) ?? 0])];
  }
  return [[...member, fr ? "Réponse" : "Answer"], ...answers.flatMap((answer) => (tally.voters.get(answer.id) ?? []).map((voter) => [...person(voter), answer.text]))];
}

export const exportPoll = defineCommand({
  names: { fr: ["sondage export"], en: ["poll export"] },
  group: "polls",
  summary: { fr: "les réponses d'un sondage en fichier CSV, pour un tableur", en: "a poll's answers as a CSV file, for a spreadsheet" },
  args: [{ name: "number", kind: "integer", min: 1, label: { fr: "n°", en: "#" } }],
  permission: "member",
  execute(context, { number }) {
    const found = findPoll(context, number);
    if (!isPoll(found)) return found;
    const { stores, language } = context;
    const data = toCsv(rows(stores, found, language, context.room.roomId));
    const filename = `${language === "fr" ? "sondage" : "poll"}-${found.number}.csv`;
    return reply(
      language === "fr"
        ? md`Voici les réponses du sondage n°${found.number} (fichier CSV, s'ouvre avec LibreOffice Calc ou tout tableur).`
        : md`Here are the answers of poll #${found.number} (CSV file, opens in LibreOffice Calc or any spreadsheet).`,
      {
        followUps: [
          {
            eventType: "m.room.message",
            content: { msgtype: "m.file", body: filename, filename, info: { mimetype: "text/csv", size: data.length } },
            attachment: { filename, mimeType: "text/csv", data },
          },
        ],
      },
    );
  },
});
