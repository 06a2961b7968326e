import { t } from "../i18n/catalog.ts";
import { commandLine } from "../i18n/command-line.ts";
import { joinMarkdown, type Markdown } from "../render/markdown.ts";
import type { PersonalDataPart, PrivacyTextContext } from "./personal-data.ts";

/**
 * `!vie-privée`: what Minou keeps, why and how long, built from the same parts as the export
 * and the erasure, so it cannot drift from what the code stores.
 */
export function privacyText(parts: readonly PersonalDataPart[], context: PrivacyTextContext & { readonly contact?: string }): Markdown {
  const { language, prefix, contact } = context;
  const items = parts.map((part) => t(language, "privacy.text.partLine", { part: part.describe(context) }));
  return joinMarkdown(
    [
      t(language, "privacy.text.intro"),
      joinMarkdown(items, "\n"),
      t(language, "privacy.text.rights", { data: commandLine(language, "privacy.mesDonnees", prefix), erase: commandLine(language, "privacy.mesDonneesEffacer", prefix) }),
      contact === undefined ? t(language, "privacy.text.elementVotes") : t(language, "privacy.text.elementVotesWithContact", { contact }),
    ],
    "\n\n",
  );
}
