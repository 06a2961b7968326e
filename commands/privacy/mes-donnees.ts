import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { exportMemberData } from "../../src/privacy/member-data.ts";
import { code, md } from "../../src/render/markdown.ts";
import { memberScope, textContext } from "./member-scope.ts";

export const mesDonnees = defineCommand({
  names: { fr: ["mes-données"], en: ["my-data"] },
  group: "general",
  summary: { fr: "recevoir en message privé tout ce que Minou garde sur vous", en: "get everything Minou keeps about you, privately" },
  details: {
    fr: "Minou vous envoie en message privé un fichier JSON (lisible dans un éditeur de texte) avec vos réponses, votes, inscriptions, documents et réglages. Rien n'est montré dans le salon.",
    en: "Minou sends you privately a JSON file (readable in a text editor) with your answers, votes, sign-ups, documents and settings. Nothing is shown in the room.",
  },
  args: [],
  permission: "member",
  execute(context) {
    const { language, prefix, sender } = context;
    const file = exportMemberData(memberScope(context), context.settings.personalData, { ...textContext(context), centreName: context.about.centreName });
    // The room only learns that a file was sent: the data itself goes to the member's private room.
    const erase = code(`${prefix}${language === "fr" ? "mes-données effacer" : "my-data erase"}`);
    return reply(
      language === "fr"
        ? md`Je vous ai envoyé en message privé un fichier avec tout ce que je garde sur vous. Pour l'effacer : ${erase}.`
        : md`I sent you privately a file with everything I keep about you. To erase it: ${erase}.`,
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
