import { memberPill } from "../../src/matrix/display-names.ts";
import { ANSWER_EMOJI } from "../../src/agenda/format.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { joinMarkdown, md, type Markdown } from "../../src/render/markdown.ts";
import { eventByNumber, isEvent, numberArg } from "./event-lookup.ts";

const LABELS = {
  fr: { yes: "Viennent", maybe: "Peut-être", no: "Absents" },
  en: { yes: "Coming", maybe: "Maybe", no: "Not coming" },
} as const;

export const participants = defineCommand({
  names: { fr: ["agenda participants"], en: ["calendar attendees", "agenda attendees"] },
  group: "agenda",
  summary: { fr: "qui vient, qui hésite, qui est absent", en: "who is coming, maybe, or not" },
  args: [numberArg],
  permission: "member",
  readOnly: true,
  execute(context, { number }) {
    const found = eventByNumber(context, number);
    if (!isEvent(found)) return found;
    const { stores, language } = context;
    const answers = stores.agenda.answers.answers(found.id);
    const lines: Markdown[] = [md`**${found.title}**`];
    for (const answer of ["yes", "maybe", "no"] as const) {
      const people = answers.filter((candidate) => candidate.answer === answer).map((candidate) => memberPill(stores, [found.roomId, context.room.roomId], candidate.userId));
      const list = people.length === 0 ? md`—` : joinMarkdown(people, ", ");
      lines.push(md`${ANSWER_EMOJI[answer]} ${LABELS[language][answer]} (${people.length})${language === "fr" ? " :" : ":"} ${list}`);
    }
    return reply(joinMarkdown(lines, "\n"));
  },
});
