import type { CommandTextsKey } from "../dispatch/command-texts.ts";
import { code, type Markdown } from "../render/markdown.ts";
import { catalog } from "./catalog.ts";
import type { Language } from "./language.ts";

/** A command's first name in the language, from the catalog (`<texts>.names`): "formation inscrire". */
export function commandName(language: Language, texts: CommandTextsKey): string {
  return catalog.plain(language, `${texts}.names`).split(",")[0]?.trim() ?? "";
}

/**
 * A command as a reply tells someone to type it, in the room's language: its first name from the
 * catalog (`<texts>.names`), after the prefix, then `rest` (`!annonce annuler 3`), as a code span.
 */
export function commandLine(language: Language, texts: CommandTextsKey, prefix: string, rest = ""): Markdown {
  return code(`${prefix}${commandName(language, texts)}${rest === "" ? "" : ` ${rest}`}`);
}
