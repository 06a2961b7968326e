import { t } from "../../src/i18n/catalog.ts";
import { commandLine } from "../../src/i18n/command-line.ts";
import { formatDuration } from "../../src/i18n/format-duration.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { joinMarkdown, type Markdown } from "../../src/render/markdown.ts";

export const minou = defineCommand({
  texts: "general.minou",
  group: "general",
  args: [],
  permission: "member",
  readOnly: true,
  execute({ about, now, language, settings, prefix }) {
    const licence =
      about.sourceCodeUrl === undefined ? t(language, "general.minou.freeSoftware") : t(language, "general.minou.freeSoftwareWithSource", { url: about.sourceCodeUrl });
    const lines: Markdown[] = [
      t(language, "general.minou.identity", { version: about.version, centre: about.centreName, uptime: formatDuration(now - about.startedAt, language) }),
      t(language, "general.minou.privacy", {
        days: settings.retention.handledEventsDays,
        privacyCommand: commandLine(language, "privacy.viePrivee", prefix),
        dataCommand: commandLine(language, "privacy.mesDonnees", prefix),
        eraseCommand: commandLine(language, "privacy.mesDonneesEffacer", prefix),
      }),
      t(language, "general.minou.encryption"),
      about.contact === undefined ? licence : joinMarkdown([licence, t(language, "general.minou.contact", { contact: about.contact })], " "),
    ];
    return reply(joinMarkdown(lines, "\n\n"));
  },
});
