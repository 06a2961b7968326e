import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { joinMarkdown, md } from "../../src/render/markdown.ts";
import { feedLinks } from "./feed-links.ts";

export const lienRenouveler = defineCommand({
  names: { fr: ["agenda lien renouveler"], en: ["calendar link renew", "agenda link renew"] },
  group: "agenda",
  summary: { fr: "changer l'adresse secrète du calendrier (l'ancienne cesse de marcher)", en: "change the calendar's secret address (the old one stops working)" },
  args: [],
  permission: "moderator",
  execute(context) {
    const token = context.stores.agenda.feedTokens.renew(context.room.roomId, context.now);
    const notice =
      context.language === "fr"
        ? md`L'ancienne adresse ne marche plus. Les membres abonnés doivent s'abonner à la nouvelle :`
        : md`The old address no longer works. Subscribed members must subscribe to the new one:`;
    return reply(joinMarkdown([notice, feedLinks(context, token)], "\n\n"));
  },
});
