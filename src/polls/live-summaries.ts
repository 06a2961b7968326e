import { RoomMemberNames } from "../matrix/display-names.ts";
import type { Stores } from "../../storage/index.ts";
import type { Language } from "../i18n/language.ts";
import { noticeContent } from "../matrix/reply-content.ts";
import type { LiveMessageSource } from "../pipeline/live-messages.ts";
import { renderMessage } from "../render/render-message.ts";
import { questionTally, slotTallies } from "./poll-state.ts";
import { anonymousSummary, dateSummary } from "./poll-texts.ts";

export const POLL_KEY = "fr.chatons.minou";

/** Poll summaries (date polls, anonymous polls), kept showing the current counts. */
export function liveSummaries(stores: Stores, defaultLanguage: Language, prefix: string): LiveMessageSource {
  const { polls } = stores.polls;
  return {
    hasPending: () => polls.hasDirtySummary(),
    due: (changedBefore) => polls.dirtySummaries(changedBefore),
    takeEdit(id) {
      const revision = polls.takeSummaryEdit(id);
      const poll = polls.get(id);
      if (poll === undefined || poll.summaryEventId === null) return undefined;
      const language = stores.rooms.get(poll.roomId)?.language ?? defaultLanguage;
      const text = poll.kind === "dates" ? dateSummary(poll, slotTallies(stores, poll), language, prefix, new RoomMemberNames(stores.roomMembers)) : anonymousSummary(poll, questionTally(stores, poll), language, prefix);
      return {
        roomId: poll.roomId,
        originalEventId: poll.summaryEventId,
        content: { [POLL_KEY]: { poll: poll.number }, ...noticeContent(renderMessage(text)) },
        cause: `poll-summary:${id}`,
        revision,
        context: `summary edit for poll ${poll.number}`,
      };
    },
  };
}
