import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { feedLinks } from "./feed-links.ts";

export const lien = defineCommand({
  names: { fr: ["agenda lien"], en: ["calendar link", "agenda link"] },
  group: "agenda",
  summary: { fr: "l'adresse du calendrier du salon, à suivre dans une application d'agenda", en: "the room's calendar address, to subscribe from a calendar app" },
  args: [],
  permission: "member",
  execute(context) {
    return reply(feedLinks(context, context.stores.agenda.feedTokens.tokenFor(context.room.roomId, context.now)));
  },
});
