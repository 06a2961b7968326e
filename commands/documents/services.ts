import { allows, defineCommand, reply } from "../../src/dispatch/command.ts";
import { t } from "../../src/i18n/catalog.ts";
import { joinMarkdown, link, md } from "../../src/render/markdown.ts";

export const services = defineCommand({
  texts: "documents.services",
  group: "documents",
  args: [],
  permission: "member",
  readOnly: true,
  execute({ settings, about, language, sender }) {
    if (settings.services.length === 0) {
      // The centre's staff are the ones to ask: they are told where the list goes instead.
      return reply(t(language, allows(sender.level, "staff") ? "documents.services.noneForStaff" : "documents.services.none"));
    }
    const lines = settings.services.map((service) => md`- **${link(service.name, service.url)}** — ${service.description}`);
    return reply(joinMarkdown([t(language, "documents.services.title", { centre: about.centreName }), joinMarkdown(lines, "\n")], "\n\n"));
  },
});
