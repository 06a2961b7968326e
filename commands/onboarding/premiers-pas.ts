import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { guideMessage, roomDisplayName } from "../../src/onboarding/texts.ts";
import { sendDirect } from "../../src/pipeline/direct-message.ts";
import { md } from "../../src/render/markdown.ts";

export const premiersPas = defineCommand({
  names: { fr: ["premiers-pas"], en: ["getting-started"] },
  group: "onboarding",
  summary: { fr: "recevoir en message privé le guide pour bien démarrer dans Element", en: "get the getting-started guide for Element privately" },
  args: [],
  permission: "member",
  execute({ stores, room, language, prefix, sender, now, settings }) {
    const record = stores.rooms.get(room.roomId);
    const name = roomDisplayName(record, language);
    sendDirect(stores, sender.userId, guideMessage(name, settings.services, language, prefix), `guide-on-demand:${sender.userId}:${now}`, now);
    return reply(language === "fr" ? md`Je vous envoie le guide en message privé.` : md`I am sending you the guide privately.`);
  },
});
