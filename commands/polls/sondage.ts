import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { queuedFor } from "../../src/pipeline/purpose.ts";
import { POLL_KEY } from "../../src/polls/live-summaries.ts";
import { POLL_START, POLL_SUMMARY } from "../../src/polls/purposes.ts";
import { pollStartContent } from "../../src/polls/native-poll.ts";
import { parsePollRequest } from "../../src/polls/parse-poll.ts";
import { definitionOf, questionTally } from "../../src/polls/poll-state.ts";
import { anonymousSummary, deadlineText } from "../../src/polls/poll-texts.ts";
import { joinMarkdown, md } from "../../src/render/markdown.ts";
import { newPollCode } from "./code.ts";
import { requestDeadline, requestProblemText } from "./poll-lookup.ts";


export const sondage = defineCommand({
  names: { fr: ["sondage"], en: ["poll"] },
  group: "polls",
  summary: { fr: "lancer un sondage Element, qui peut se clore tout seul", en: "start an Element poll that can close itself" },
  details: {
    fr: 'Exemple : `!sondage "Quel jour pour la fête ?" Samedi | Dimanche jusqu\'à vendredi 18h`. Ajoutez `fermé` pour ne montrer les résultats qu\'à la clôture, `anonyme` pour un vote en message privé dont le salon ne voit que les totaux.',
    en: 'Example: `!poll "Which day for the party?" Saturday | Sunday until Friday 6pm`. Add `closed` to show results only at the end, `anonymous` for a private vote whose totals only the room sees.',
  },
  args: [{ name: "text", kind: "text", label: { fr: '"question" réponse | réponse…', en: '"question" answer | answer…' } }],
  permission: "member",
  execute(context, { text }) {
    const { stores, room, now, language, sender, prefix } = context;
    const parsed = parsePollRequest(text);
    if (!parsed.ok) return refuse(requestProblemText(parsed.problem, language, prefix));
    const { request } = parsed;
    const readDeadline = requestDeadline(context, request);
    if ("kind" in readDeadline) return readDeadline;
    const { deadline } = readDeadline;
    const poll = stores.polls.polls.create(
      {
        roomId: room.roomId,
        kind: "question",
        question: request.question,
        disclosed: !request.undisclosed,
        anonymous: request.anonymous,
        code: request.anonymous ? newPollCode() : null,
        external: false,
        createdBy: sender.userId,
        deadline,
        timeZone: room.timeZone,
        startEventId: null,
        options: request.parts.map((label, index) => ({ position: index + 1, answerId: `a${index + 1}`, label, startsAt: null, endsAt: null, allDay: false })),
      },
      now,
    );
    const closes = deadlineText(poll, language);
    const intro =
      language === "fr"
        ? md`Sondage n°${poll.number} lancé${request.undisclosed ? " (résultats à la clôture)" : ""}. ${closes === "" ? `Pour le clore : ${prefix}sondage clore ${poll.number}` : closes}`
        : md`Poll #${poll.number} started${request.undisclosed ? " (results at the end)" : ""}. ${closes === "" ? `To close it: ${prefix}poll close ${poll.number}` : closes}`;
    if (poll.anonymous) {
      const summary = anonymousSummary(poll, questionTally(stores, poll), language, prefix);
      return reply(joinMarkdown([intro, summary], "\n\n"), { ...queuedFor(POLL_SUMMARY, poll.id), extraContent: { [POLL_KEY]: { poll: poll.number } } });
    }
    return reply(intro, {
      followUps: [{ eventType: "org.matrix.msc3381.poll.start", content: { ...pollStartContent(definitionOf(poll)), [POLL_KEY]: { poll: poll.number } }, ...queuedFor(POLL_START, poll.id) }],
    });
  },
});
