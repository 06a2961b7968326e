import { t } from "../../src/i18n/catalog.ts";
import { commandLine } from "../../src/i18n/command-line.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { exportMemberData } from "../../src/privacy/member-data.ts";
import { memberScope, textContext } from "./member-scope.ts";

export const mesDonnees = defineCommand({
  texts: "privacy.mesDonnees",
  group: "general",
  args: [],
  permission: "member",
  execute(context) {
    const { language, prefix, sender } = context;
    const file = exportMemberData(memberScope(context), context.settings.personalData, { ...textContext(context), centreName: context.about.centreName });
    // The room only learns that a file was sent: the data itself goes to the member's private room.
    const erase = commandLine(language, "privacy.mesDonneesEffacer", prefix);
    return reply(
      t(language, "privacy.mesDonnees.sent", { erase }),
      {
        followUps: [
          {
            eventType: "m.room.message",
            content: { msgtype: "m.file", body: file.filename, filename: file.filename, info: { mimetype: "application/json", size: file.data.length } },
            attachment: { filename: file.filename, mimeType: "application/json", data: file.data },
            targetUser: sender.userId,
          },
        ],
      },
    );
  },
});
