import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { t } from "../../src/i18n/catalog.ts";
import { joinMarkdown } from "../../src/render/markdown.ts";
import { feedLinks } from "./feed-links.ts";

export const lienRenouveler = defineCommand({
  texts: "agenda.lienRenouveler",
  group: "agenda",
  args: [],
  permission: "moderator",
  execute(context) {
    const token = context.stores.agenda.feedTokens.renew(context.room.roomId, context.now);
    return reply(joinMarkdown([t(context.language, "agenda.lienRenouveler.done"), feedLinks(context, token)], "\n\n"));
  },
});
