import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { privacyText } from "../../src/privacy/privacy-text.ts";
import { textContext } from "./member-scope.ts";

export const viePrivee = defineCommand({
  names: { fr: ["vie-privée", "confidentialité"], en: ["privacy"] },
  group: "general",
  summary: { fr: "ce que Minou garde sur vous, pourquoi, combien de temps, et comment l'effacer", en: "what Minou keeps about you, why, for how long, and how to erase it" },
  args: [],
  permission: "member",
  readOnly: true,
  execute(context) {
    const { contact } = context.about;
    return reply(privacyText(context.settings.personalData, { ...textContext(context), ...(contact === undefined ? {} : { contact }) }));
  },
});
