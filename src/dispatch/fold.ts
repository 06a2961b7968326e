const LIGATURES: Record<string, string> = { œ: "oe", æ: "ae", ß: "ss" };

/** Case- and accent-insensitive form of a word: "Agénda" and "AGENDA" both give "agenda". */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[œæß]/g, (letter) => LIGATURES[letter] ?? letter);
}
