import { t } from "../../src/i18n/catalog.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { guideMessage, roomDisplayName } from "../../src/onboarding/texts.ts";
import { sendDirect } from "../../src/pipeline/direct-message.ts";

export const premiersPas = defineCommand({
  texts: "onboarding.premiersPas",
  group: "onboarding",
  args: [],
  permission: "member",
  execute({ stores, room, language, prefix, sender, now, settings }) {
    const name = roomDisplayName(stores.rooms.get(room.roomId));
    sendDirect(stores, sender.userId, guideMessage(name, settings.services, language, prefix), `guide-on-demand:${sender.userId}:${now}`, now);
    return reply(t(language, "onboarding.premiersPas.sent"));
  },
});
