import { defineCommand, refuse, reply, type CommandContext, type CommandResult } from "../../src/dispatch/command.ts";
import { fold } from "../../src/dispatch/fold.ts";
import { readRecordNumber } from "../../src/dispatch/parse-args.ts";
import type { Poll, SlotAnswer } from "../../src/polls/model.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { code, md } from "../../src/render/markdown.ts";
import { closedRefusal } from "./poll-lookup.ts";

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

function recordVote(context: CommandContext, poll: Poll, text: string): CommandResult {
  const { stores, now, language, sender, prefix } = context;
  const fr = language === "fr";
  if (poll.closedAt !== null) return closedRefusal(context, poll);
  let votes: { position: number; answer: SlotAnswer }[];
  if (poll.kind === "dates") {
    const answers = readAnswers(text);
    if (answers === undefined || answers.length !== poll.options.length) {
      const example = `${poll.options.map(() => "oui").join(" ")}`;
      return refuse(fr ? md`Donnez une réponse par créneau (${poll.options.length}), dans l'ordre : oui, non ou sibesoin. Par exemple : ${code(example)}` : md`Give one answer per slot (${poll.options.length}), in order: yes, no or maybe. For example: ${code(example.replace(/oui/g, "yes"))}`);
    }
    votes = answers.map((answer, index) => ({ position: index + 1, answer }));
  } else {
    const position = Number.parseInt(text.trim().replace(/^(#|n°)/iu, ""), 10);
    if (!poll.options.some((option) => option.position === position)) {
      return refuse(fr ? md`Indiquez le numéro de votre réponse, de 1 à ${poll.options.length}.` : md`Give the number of your answer, from 1 to ${poll.options.length}.`);
    }
    votes = [{ position, answer: "yes" }];
  }
  stores.polls.votes.replaceVoter(poll.id, sender.userId, votes, now);
  stores.polls.polls.markSummaryDirty(poll.id, now);
  const listed = votes.map((vote) => `${vote.position} ${{ yes: "✅", maybe: "❓", no: "❌" }[vote.answer]}`).join(" · ");
  return reply(
    fr
      ? md`C'est noté pour « ${poll.question} » : ${poll.kind === "dates" ? listed : `réponse ${votes[0]?.position ?? ""}`}. Vous pouvez changer d'avis jusqu'à la clôture (${prefix}sondage voter).`
      : md`Noted for "${poll.question}": ${poll.kind === "dates" ? listed : `answer ${votes[0]?.position ?? ""}`}. You can change your mind until it closes.`,
  );
}

export const voter = defineCommand({
  names: { fr: ["sondage voter"], en: ["poll vote"] },
  group: "polls",
  summary: { fr: "répondre à un sondage de dates en une ligne, ou voter en privé avec un code", en: "answer a date poll in one line, or vote privately with a code" },
  details: {
    fr: "Sondage de dates : `!sondage voter 2 oui non sibesoin` (une réponse par créneau, dans l'ordre). Sondage anonyme : en message privé avec Minou, `!sondage voter CODE 2` (ou une réponse par créneau).",
    en: "Date poll: `!poll vote 2 yes no maybe` (one answer per slot, in order). Anonymous poll: in a private chat with Minou, `!poll vote CODE 2`.",
  },
  args: [
    { name: "poll", kind: "word", label: { fr: "n° ou code", en: "# or code" } },
    { name: "answers", kind: "text", label: { fr: "réponses", en: "answers" } },
  ],
  permission: "member",
  senderMembershipIn(stores, { poll: reference }) {
    const poll = isNumber(reference) ? undefined : stores.polls.polls.byCode(reference);
    return poll?.anonymous === true ? poll.roomId : undefined;
  },
  execute(context, { poll: reference, answers }) {
    const { stores, room, language } = context;
    const fr = language === "fr";
    if (!isNumber(reference)) {
      const poll = stores.polls.polls.byCode(reference);
      if (poll === undefined || !poll.anonymous) return refuse(fr ? md`Je ne connais pas de sondage avec le code « ${excerpt(reference)} ».` : md`I know no poll with the code "${excerpt(reference)}".`);
      if (poll.roomId === room.roomId) {
        return refuse(fr ? md`Pour garder votre vote secret, envoyez-le-moi en message privé (ouvrez une discussion avec Minou), pas dans ce salon.` : md`To keep your vote secret, send it to me in a private chat, not in this room.`);
      }
      // The code may travel beyond the room: only its members vote, one account one vote.
      const joined = context.senderJoined(poll.roomId);
      if (joined === false) {
        return refuse(fr ? md`Seuls les membres du salon de ce sondage peuvent y voter, et vous n'en faites pas partie. Rejoignez le salon, puis renvoyez votre vote.` : md`Only members of this poll's room may vote in it, and you are not one. Join the room, then send your vote again.`);
      }
      if (joined === undefined) {
        return refuse(fr ? md`Je n'ai pas pu vérifier que vous êtes membre du salon de ce sondage : réessayez dans un moment.` : md`I could not check that you are a member of this poll's room: try again in a moment.`);
      }
      return recordVote(context, poll, answers);
    }
    // Too big to be read exactly (99999999999999999999 would read 1e20): no poll's, quoted as typed.
    const number = readRecordNumber(reference);
    const poll = number === undefined ? undefined : stores.polls.polls.byNumber(room.roomId, number);
    if (poll === undefined) {
      const shown = number ?? excerpt(reference.replace(/^(#|n°)/iu, ""));
      return refuse(fr ? md`Il n'y a pas de sondage n°${shown} dans ce salon.` : md`There is no poll #${shown} in this room.`);
    }
    if (poll.anonymous) return refuse(fr ? md`Le sondage n°${poll.number} est anonyme : votez en message privé avec moi, avec le code donné dans le sondage.` : md`Poll #${poll.number} is anonymous: vote in a private chat with me, with the poll's code.`);
    if (poll.kind === "question") return refuse(fr ? md`Pour le sondage n°${poll.number}, votez directement dans le sondage affiché par Element.` : md`For poll #${poll.number}, vote directly in the poll Element shows.`);
    return recordVote(context, poll, answers);
  },
});
