/** The languages whose date phrases Minou reads: French (with chrono-node's French parser) and English. */
export type Grammar = "fr" | "en";

/**
 * The grammar dates are read with in a room of `language`. A language added to the catalog gets
 * its texts without code, but its dates need a parser: until one is written, they are read as
 * French, the centre's language.
 */
export function grammarOf(language: string): Grammar {
  return language === "en" ? "en" : "fr";
}
