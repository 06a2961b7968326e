import type { Stores } from "../../storage/index.ts";
import { FORGOTTEN_MEMBER } from "../../storage/privacy/erased-members-store.ts";
import { plainText, t } from "../i18n/catalog.ts";
import type { Language } from "../i18n/language.ts";
import { noticeContent, notifyingContent } from "../matrix/reply-content.ts";
import { txnIdFor } from "../matrix/txn-id.ts";
import type { MemberNames } from "../pipeline/room-state.ts";
import { joinMarkdown, userPill, type Markdown } from "../render/markdown.ts";
import { renderMessage } from "../render/render-message.ts";
import type { Poll } from "./model.ts";
import { pollEndContent, POLL_END } from "./native-poll.ts";
import { bestSlot, definitionOf, questionTally, slotTallies } from "./poll-state.ts";
import { commandExample, slotInFull } from "./poll-texts.ts";
import { resultText } from "./tally.ts";

/**
 * Who closes a poll, which decides how its result is told: a member's command is answered where
 * they are looking (a notice); at the deadline nobody is, so the result notifies the poll's author.
 */
export type PollClosing =
  | { readonly by: "member"; readonly userId: string }
  | { readonly by: "deadline"; readonly botUserId: string; readonly names: MemberNames };

/**
 * Closes a poll once (the deadline, `!sondage clore`): a native poll gets its end event with the
 * result, a summary is marked for a last edit, an anonymous poll forgets who voted what and keeps
 * the counts. Runs inside the caller's transaction; false when it was already closed.
 */
export function closePoll(stores: Stores, poll: Poll, closing: PollClosing, now: number, language: Language, prefix: string): boolean {
  if (!stores.polls.polls.close(poll.id, closing.by === "member" ? closing.userId : closing.botUserId, now)) return false;
  // Counts first, then the link between voters and votes goes: the result reads the counts.
  if (poll.anonymous) stores.polls.votes.eraseVoters(poll.id);
  const closed = stores.polls.polls.get(poll.id) ?? poll;
  const enqueue = (eventType: string, content: Record<string, unknown>): void => {
    stores.outbox.enqueue({ txnId: txnIdFor(`poll-end:${poll.id}`), roomId: poll.roomId, eventType, content, context: `end of poll ${poll.number}` }, now);
  };
  if (closed.kind === "question") {
    const text = resultText(definitionOf(closed), questionTally(stores, closed), language);
    if (closed.startEventId !== null && !closed.anonymous) {
      enqueue(POLL_END, pollEndContent(closed.startEventId, text));
    } else {
      enqueue("m.room.message", resultContent(closed, closing, t(language, "polls.result.line", { number: closed.number, question: closed.question, result: text })));
    }
  } else {
    const best = bestSlot(slotTallies(stores, closed));
    const option = best === undefined ? undefined : closed.options.find((candidate) => candidate.position === best.position);
    if (closed.chosenPosition === null) {
      const suggestion =
        option === undefined
          ? t(language, "polls.dates.closedNoAnswer", { number: closed.number, question: closed.question })
          : t(language, "polls.dates.closedSuggestion", {
              number: closed.number,
              question: closed.question,
              position: option.position,
              slot: slotInFull(closed, option, language),
              yes: best?.counts.yes ?? 0,
              maybe: best?.counts.maybe ?? 0,
              command: commandExample(prefix, plainText(language, "polls.choisir.example", { number: closed.number, position: option.position })),
            });
      enqueue("m.room.message", resultContent(closed, closing, suggestion));
    }
  }
  stores.polls.polls.markSummaryDirty(closed.id, now);
  return true;
}

/** The result in the room: quiet after a command, notifying the author (when still known) at the deadline. */
function resultContent(poll: Poll, closing: PollClosing, text: Markdown): Record<string, unknown> {
  if (closing.by === "member") return noticeContent(renderMessage(text));
  if (poll.createdBy === FORGOTTEN_MEMBER) return notifyingContent(renderMessage(text), { users: [] });
  const author = userPill(poll.createdBy, closing.names.displayName(poll.roomId, poll.createdBy));
  return notifyingContent(renderMessage(joinMarkdown([author, text], " — ")), { users: [poll.createdBy] });
}
