import type { CommandContext } from "../../src/dispatch/command.ts";
import type { MemberScope, PrivacyTextContext } from "../../src/privacy/personal-data.ts";
import { t } from "../../src/i18n/catalog.ts";
import { effectText, type ErasureEffect } from "../../src/privacy/personal-data.ts";
import { joinMarkdown, type Markdown } from "../../src/render/markdown.ts";

/** The sender's data, read or erased from the command's context. */
export function memberScope(context: CommandContext): MemberScope {
  return {
    stores: context.stores,
    userId: context.sender.userId,
    now: context.now,
    language: context.language,
    timeZone: context.room.timeZone,
    // Direct messages go out in the centre's language: Minou does not know each member's.
    messaging: { language: context.settings.defaultLanguage, prefix: context.prefix },
  };
}

export function textContext(context: CommandContext): PrivacyTextContext {
  return { language: context.language, retention: context.settings.retention, prefix: context.prefix };
}

/** "- 3 réponses … (retirées …)", one line per kind of record. */
export function effectList(effects: readonly ErasureEffect[], context: CommandContext): Markdown {
  return joinMarkdown(effects.map((effect) => t(context.language, "privacy.effectLine", { effect: effectText(effect, context.language) })), "\n");
}
