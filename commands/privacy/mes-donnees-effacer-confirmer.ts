import { t } from "../../src/i18n/catalog.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { eraseMemberData } from "../../src/privacy/member-data.ts";
import { joinMarkdown } from "../../src/render/markdown.ts";
import { effectList, memberScope } from "./member-scope.ts";

export const mesDonneesEffacerConfirmer = defineCommand({
  texts: "privacy.mesDonneesEffacerConfirmer",
  group: "general",
  args: [],
  permission: "member",
  execute(context) {
    const { language } = context;
    // One transaction (the dispatcher's), one answer: everything is erased, or nothing.
    const effects = eraseMemberData(memberScope(context), context.settings.personalData);
    if (effects.length === 0) return reply(t(language, "privacy.mesDonneesEffacerConfirmer.nothing"));
    return reply(
      joinMarkdown([t(language, "privacy.mesDonneesEffacerConfirmer.intro"), effectList(effects, context), t(language, "privacy.mesDonneesEffacerConfirmer.thanks")], "\n\n"),
    );
  },
});
