import { memberName, RoomMemberNames } from "../../src/matrix/display-names.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { definitionOf, questionTally, slotTallies } from "../../src/polls/poll-state.ts";
import { dateSummary, pollNumber } from "../../src/polls/poll-texts.ts";
import { countsText } from "../../src/polls/tally.ts";
import { joinMarkdown, md, trusted } from "../../src/render/markdown.ts";
import { findPoll, isPoll } from "./poll-lookup.ts";

export const resultats = defineCommand({
  names: { fr: ["sondage résultats"], en: ["poll results"] },
  group: "polls",
  summary: { fr: "les résultats d'un sondage (sans numéro : le dernier ouvert)", en: "a poll's results (without a number: the latest open one)" },
  args: [{ name: "number", kind: "integer", min: 1, optional: true, label: { fr: "n°", en: "#" } }],
  permission: "member",
  readOnly: true,
  execute(context, { number }) {
    const found = findPoll(context, number);
    if (!isPoll(found)) return found;
    const { stores, language, prefix } = context;
    if (found.kind === "dates") return reply(dateSummary(found, slotTallies(stores, found), language, prefix, new RoomMemberNames(stores.roomMembers)));
    const header = md`📊 **${found.question}** (${pollNumber(found, language)})${found.closedAt === null ? "" : language === "fr" ? " — clos" : " — closed"}`;
    if (!found.disclosed && found.closedAt === null) {
      return reply(joinMarkdown([header, language === "fr" ? md`Les résultats de ce sondage ne seront visibles qu'à sa clôture.` : md`This poll's results will only be shown when it closes.`], "\n\n"));
    }
    const lines = md`${countsText(definitionOf(found), questionTally(stores, found), language, !found.anonymous, (voter) => memberName(stores, [found.roomId, context.room.roomId], voter))}`;
    return reply(joinMarkdown([header, trusted(lines.source.replace(/\n/g, "  \n"))], "\n\n"));
  },
});
