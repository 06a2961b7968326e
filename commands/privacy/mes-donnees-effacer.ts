import { t } from "../../src/i18n/catalog.ts";
import { commandLine } from "../../src/i18n/command-line.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { previewErasure } from "../../src/privacy/member-data.ts";
import { joinMarkdown } from "../../src/render/markdown.ts";
import { effectList, memberScope } from "./member-scope.ts";

/** Erasure is for good: this shows what would go, and only `… confirmer` acts. */
export const mesDonneesEffacer = defineCommand({
  texts: "privacy.mesDonneesEffacer",
  group: "general",
  args: [],
  permission: "member",
  execute(context) {
    const { language, prefix } = context;
    const effects = previewErasure(memberScope(context), context.settings.personalData);
    if (effects.length === 0) return reply(t(language, "privacy.mesDonneesEffacer.nothing"));
    const confirm = commandLine(language, "privacy.mesDonneesEffacerConfirmer", prefix);
    return reply(
      joinMarkdown([t(language, "privacy.mesDonneesEffacer.intro"), effectList(effects, context), t(language, "privacy.mesDonneesEffacer.confirm", { confirm })], "\n\n"),
    );
  },
});
