import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { privacyText } from "../../src/privacy/privacy-text.ts";
import { textContext } from "./member-scope.ts";

export const viePrivee = defineCommand({
  texts: "privacy.viePrivee",
  group: "general",
  args: [],
  permission: "member",
  readOnly: true,
  execute(context) {
    const { contact } = context.about;
    return reply(privacyText(context.settings.personalData, { ...textContext(context), ...(contact === undefined ? {} : { contact }) }));
  },
});
