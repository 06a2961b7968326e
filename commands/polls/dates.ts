import { parseWhen } from "../../src/agenda/parse-when.ts";
import { defineCommand, refuse, reply, type FollowUp } from "../../src/dispatch/command.ts";
import { noticeContent } from "../../src/matrix/reply-content.ts";
import { POLL_KEY } from "../../src/polls/live-summaries.ts";
import type { PollOption } from "../../src/polls/model.ts";
import { parseDatePollRequest } from "../../src/polls/parse-poll.ts";
import { queuedFor } from "../../src/pipeline/purpose.ts";
import { POLL_SLOT, POLL_SUMMARY } from "../../src/polls/purposes.ts";
import { slotTallies } from "../../src/polls/poll-state.ts";
import { anonymousInstructions, dateSummary, slotMessage } from "../../src/polls/poll-texts.ts";
import { joinMarkdown, md } from "../../src/render/markdown.ts";
import { renderMessage } from "../../src/render/render-message.ts";
import { newPollCode } from "./code.ts";
import { datePollProblemText, requestDeadline, whenProblemText } from "./poll-lookup.ts";


export const dates = defineCommand({
  names: { fr: ["sondage dates"], en: ["poll dates"] },
  group: "polls",
  summary: { fr: "trouver une date ensemble, comme Framadate, dans le salon", en: "find a date together, like Framadate, in the room" },
  details: {
    fr: 'Exemples : `!sondage dates Réunion de rentrée ? lundi 14h, mardi 18h`, `!sondage dates "Réunion de rentrée" mardi 18h | jeudi 18h30 | samedi 10h jusqu\'à vendredi`. Le titre (entre guillemets, ou jusqu\'au « ? » ou au premier créneau), puis les créneaux séparés par des virgules ou des |. Chacun répond sous chaque créneau par ✅ ❓ ❌, ou en une ligne avec `!sondage voter`. Ajoutez `anonyme` pour un vote en message privé.',
    en: 'Examples: `!poll dates Autumn meeting? Monday 2pm, Tuesday 6pm`, `!poll dates "Autumn meeting" Tuesday 6pm | Thursday 6:30pm | Saturday 10am until Friday`. The title (in quotes, or up to the "?" or the first slot), then the slots separated by commas or |. Everyone answers under each slot with ✅ ❓ ❌, or in one line with `!poll vote`.',
  },
  args: [{ name: "text", kind: "text", label: { fr: '"titre" créneau | créneau…', en: '"title" slot | slot…' } }],
  permission: "member",
  execute(context, { text }) {
    const { stores, room, now, language, sender, prefix, settings } = context;
    const whenOptions = { now, timeZone: room.timeZone, language, defaultDurationMinutes: settings.agenda.defaultDurationMinutes };
    const isSlot = (part: string): boolean => {
      const when = parseWhen(part, whenOptions);
      return when.ok && when.rest === "" && when.when.rrule === null;
    };
    const parsed = parseDatePollRequest(text, isSlot);
    if (!parsed.ok) return refuse(datePollProblemText(parsed.problem, language, prefix));
    const { request } = parsed;
    const slots: Omit<PollOption, "messageEventId">[] = [];
    for (const [index, part] of request.parts.entries()) {
      const when = parseWhen(part, whenOptions);
      if (!when.ok) {
        return refuse(joinMarkdown([language === "fr" ? md`Créneau ${index + 1} (« ${part} ») :` : md`Slot ${index + 1} ("${part}"):`, whenProblemText(when.problem, language, room.timeZone, prefix)], " "));
      }
      if (when.rest !== "" || when.when.rrule !== null) {
        return refuse(language === "fr" ? md`Je n'ai pas compris le créneau ${index + 1} (« ${part} ») : une date et une heure suffisent, par exemple « mardi 18h ».` : md`I did not understand slot ${index + 1} ("${part}"): a date and a time are enough, for example "Tuesday 6pm".`);
      }
      if (slots.some((slot) => slot.startsAt === when.when.startsAt && slot.endsAt === when.when.endsAt)) {
        return refuse(language === "fr" ? md`Le créneau ${index + 1} (« ${part} ») est le même qu'un autre.` : md`Slot ${index + 1} ("${part}") is the same as another one.`);
      }
      slots.push({ position: index + 1, answerId: `slot${index + 1}`, label: part, startsAt: when.when.startsAt, endsAt: when.when.endsAt, allDay: when.when.allDay });
    }
    const readDeadline = requestDeadline(context, request);
    if ("kind" in readDeadline) return readDeadline;
    const { deadline } = readDeadline;
    const poll = stores.polls.polls.create(
      {
        roomId: room.roomId,
        kind: "dates",
        question: request.question,
        disclosed: true,
        anonymous: request.anonymous,
        code: request.anonymous ? newPollCode() : null,
        external: false,
        createdBy: sender.userId,
        deadline,
        timeZone: room.timeZone,
        startEventId: null,
        options: slots,
      },
      now,
    );
    const key = { [POLL_KEY]: { poll: poll.number } };
    const summary = dateSummary(poll, slotTallies(stores, poll), language, prefix);
    if (poll.anonymous) {
      return reply(joinMarkdown([summary, anonymousInstructions(poll, language, prefix)], "\n\n"), { ...queuedFor(POLL_SUMMARY, poll.id), extraContent: key });
    }
    const followUps: FollowUp[] = poll.options.map((option) => ({
      eventType: "m.room.message",
      content: { ...key, ...noticeContent(renderMessage(slotMessage(poll, option, language))) },
      ...queuedFor(POLL_SLOT, { pollId: poll.id, position: option.position }),
    }));
    return reply(summary, { ...queuedFor(POLL_SUMMARY, poll.id), extraContent: key, followUps });
  },
});
