import { plainText, t } from "../../src/i18n/catalog.ts";
import { formatDuration } from "../../src/i18n/format-duration.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { code, joinMarkdown, type Markdown } from "../../src/render/markdown.ts";

export const minou = defineCommand({
  texts: "general.minou",
  group: "general",
  args: [],
  permission: "member",
  readOnly: true,
  execute({ about, now, language, settings, prefix }) {
    const command = (key: "general.minou.privacyCommand" | "general.minou.dataCommand" | "general.minou.eraseCommand"): Markdown =>
      code(prefix + plainText(language, key));
    const licence =
      about.sourceCodeUrl === undefined ? t(language, "general.minou.freeSoftware") : t(language, "general.minou.freeSoftwareWithSource", { url: about.sourceCodeUrl });
    const lines: Markdown[] = [
      t(language, "general.minou.identity", { version: about.version, centre: about.centreName, uptime: formatDuration(now - about.startedAt, language) }),
      t(language, "general.minou.privacy", {
        days: settings.retention.handledEventsDays,
        privacyCommand: command("general.minou.privacyCommand"),
        dataCommand: command("general.minou.dataCommand"),
        eraseCommand: command("general.minou.eraseCommand"),
      }),
      t(language, "general.minou.encryption"),
      about.contact === undefined ? licence : joinMarkdown([licence, t(language, "general.minou.contact", { contact: about.contact })], " "),
    ];
    return reply(joinMarkdown(lines, "\n\n"));
  },
});
