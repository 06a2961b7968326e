import { memberName, RoomMemberNames } from "../../src/matrix/display-names.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { definitionOf, questionTally, slotTallies } from "../../src/polls/poll-state.ts";
import { dateSummary } from "../../src/polls/poll-texts.ts";
import { t } from "../../src/i18n/catalog.ts";
import { countsText } from "../../src/polls/tally.ts";
import { joinMarkdown, md, trusted } from "../../src/render/markdown.ts";
import { findPoll, isPoll } from "./poll-lookup.ts";

export const resultats = defineCommand({
  texts: "polls.resultats",
  group: "polls",
  args: [{ name: "number", kind: "integer", min: 1, optional: true }],
  permission: "member",
  readOnly: true,
  execute(context, { number }) {
    const found = findPoll(context, number);
    if (!isPoll(found)) return found;
    const { stores, language, prefix } = context;
    if (found.kind === "dates") return reply(dateSummary(found, slotTallies(stores, found), language, prefix, new RoomMemberNames(stores.roomMembers)));
    const header = t(language, "polls.resultats.header", { question: found.question, number: found.number, closed: found.closedAt === null ? "no" : "yes" });
    if (!found.disclosed && found.closedAt === null) {
      return reply(joinMarkdown([header, t(language, "polls.resultats.hidden")], "\n\n"));
    }
    const lines = md`${countsText(definitionOf(found), questionTally(stores, found), language, !found.anonymous, (voter) => memberName(stores, [found.roomId, context.room.roomId], voter))}`;
    return reply(joinMarkdown([header, trusted(lines.source.replace(/\n/g, "  \n"))], "\n\n"));
  },
});
