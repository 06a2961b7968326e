import type { CommandContext } from "../../src/dispatch/command.ts";
import { joinMarkdown, md, type Markdown } from "../../src/render/markdown.ts";

/** The room's feed and page addresses, in https:// and webcal:// forms. */
export function feedLinks(context: CommandContext, token: string): Markdown {
  const base = context.settings.publicBaseUrl;
  const feed = `${base}/feeds/${token}.ics`;
  const webcal = feed.replace(/^https?:\/\//u, "webcal://");
  const page = `${base}/agenda/${token}`;
  return context.language === "fr"
    ? joinMarkdown(
        [
          md`**Calendrier de ce salon**, à ajouter dans votre application d'agenda (Thunderbird, agenda du téléphone, Nextcloud…) :`,
          md`- S'abonner : ${webcal}`,
          md`- Adresse https : ${feed}`,
          md`- Page web : ${page}`,
          md`Ce lien est secret : toute personne qui l'a voit l'agenda. Un modérateur peut le changer avec !agenda lien renouveler.`,
        ],
        "\n",
      )
    : joinMarkdown(
        [
          md`**This room's calendar**, to add to your calendar app (Thunderbird, your phone's calendar, Nextcloud…):`,
          md`- Subscribe: ${webcal}`,
          md`- https address: ${feed}`,
          md`- Web page: ${page}`,
          md`This link is secret: anyone who has it sees the agenda. A moderator can change it with !calendar link renew.`,
        ],
        "\n",
      );
}
