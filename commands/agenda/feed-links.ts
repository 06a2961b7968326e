import { plainText, t } from "../../src/i18n/catalog.ts";
import { allows, type CommandContext } from "../../src/dispatch/command.ts";
import { code, joinMarkdown, type Markdown } from "../../src/render/markdown.ts";

/** The room's feed and page addresses, in https:// and webcal:// forms. */
export function feedLinks(context: CommandContext, token: string): Markdown {
  const { language, prefix } = context;
  const base = context.settings.publicBaseUrl;
  const feed = `${base}/feeds/${token}.ics`;
  const webcal = feed.replace(/^https?:\/\//u, "webcal://");
  const page = `${base}/agenda/${token}`;
  return joinMarkdown(
    [
      t(language, "agenda.lien.intro"),
      t(language, "agenda.lien.subscribe", { url: webcal }),
      t(language, "agenda.lien.https", { url: feed }),
      t(language, "agenda.lien.page", { url: page }),
      t(language, "agenda.lien.secret", {
        renew: code(prefix + plainText(language, "agenda.example.renew")),
        level: allows(context.sender.level, "moderator") ? "moderator" : "member",
      }),
    ],
    "\n",
  );
}
