import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { feedLinks } from "./feed-links.ts";

export const lien = defineCommand({
  texts: "agenda.lien",
  group: "agenda",
  args: [],
  permission: "member",
  execute(context) {
    return reply(feedLinks(context, context.stores.agenda.feedTokens.tokenFor(context.room.roomId, context.now)));
  },
});
