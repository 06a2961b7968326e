/** One word of a command line, with where it stands in the original text. */
export interface Token {
  /** The word with its quotes removed. */
  readonly text: string;
  /** True when any part of it was quoted ("…", «…», “…”): it is then never read as an option. */
  readonly quoted: boolean;
  readonly start: number;
  readonly end: number;
}

// French keyboards and phones produce « », “ ” and „ “ as often as plain double quotes. The
// apostrophe is not a quote: "l'association" is one word.
const CLOSING_QUOTE: Record<string, string> = { '"': '"', "«": "»", "“": "”", "„": "“" };

/** Splits a command line into words, keeping quoted phrases together. */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < line.length) {
    while (index < line.length && /\s/u.test(line[index] ?? "")) index += 1;
    if (index >= line.length) break;
    const start = index;
    let text = "";
    let quoted = false;
    while (index < line.length && !/\s/u.test(line[index] ?? "")) {
      const character = line[index] ?? "";
      const closing = CLOSING_QUOTE[character];
      if (closing !== undefined) {
        const end = line.indexOf(closing, index + 1);
        if (end !== -1) {
          text += line.slice(index + 1, end).replace(/^\s+|\s+$/gu, "");
          quoted = true;
          index = end + 1;
          continue;
        }
      }
      text += character;
      index += 1;
    }
    tokens.push({ text, quoted, start, end: index });
  }
  return tokens;
}
