import { memberPill } from "../../src/matrix/display-names.ts";
import { ANSWER_EMOJI } from "../../src/agenda/format.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { t } from "../../src/i18n/catalog.ts";
import { joinMarkdown, md, type Markdown } from "../../src/render/markdown.ts";
import { eventByNumber, isEvent, numberArg } from "./event-lookup.ts";

export const participants = defineCommand({
  texts: "agenda.participants",
  group: "agenda",
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
      lines.push(t(language, "agenda.participants.line", { emoji: ANSWER_EMOJI[answer], answer, count: people.length, people: list }));
    }
    return reply(joinMarkdown(lines, "\n"));
  },
});
