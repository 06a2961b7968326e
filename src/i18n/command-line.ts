import type { CommandTextsKey } from "../dispatch/command-texts.ts";
import { code, type Markdown } from "../render/markdown.ts";
import { catalog } from "./catalog.ts";
import type { Language } from "./language.ts";

/**
 * A command as a reply tells someone to type it, in the room's language: its first name from the
 * catalog (`<texts>.names`), after the prefix, then `rest` (`!annonce annuler 3`), as a code span.
 */
export function commandLine(language: Language, texts: CommandTextsKey, prefix: string, rest = ""): Markdown {
  const name = catalog.plain(language, `${texts}.names`).split(",")[0]?.trim() ?? "";
  return code(`${prefix}${name}${rest === "" ? "" : ` ${rest}`}`);
}
