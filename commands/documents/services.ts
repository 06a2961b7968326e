import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { joinMarkdown, link, md } from "../../src/render/markdown.ts";

export const services = defineCommand({
  names: { fr: ["services"], en: ["services"] },
  group: "documents",
  summary: { fr: "les services en ligne du centre : pads, cloud, visio…", en: "the centre's online services: pads, cloud, video calls…" },
  details: {
    fr: "Les outils collaboratifs que le centre héberge lui-même (sa liste est dans la configuration de Minou, clé `services`).",
    en: "The collaborative tools the centre hosts itself (listed in Minou's configuration, key `services`).",
  },
  args: [],
  permission: "member",
  readOnly: true,
  execute({ settings, about, language }) {
    const fr = language === "fr";
    if (settings.services.length === 0) {
      return reply(
        fr
          ? md`${about.centreName} n'a pas encore indiqué ses services en ligne. Demandez à l'équipe du centre.`
          : md`${about.centreName} has not listed its online services yet. Ask the centre's staff.`,
      );
    }
    const lines = settings.services.map((service) => md`- **${link(service.name, service.url)}** — ${service.description}`);
    const title = fr ? md`**Les services en ligne de ${about.centreName}**, hébergés par le centre :` : md`**${about.centreName}'s online services**, hosted by the centre:`;
    return reply(joinMarkdown([title, joinMarkdown(lines, "\n")], "\n\n"));
  },
});
