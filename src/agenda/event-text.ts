/** What follows the date in `!agenda ajouter`: "Réunion du bureau @ Salle des fêtes -- ordre du jour". */
export interface EventText {
  readonly title: string;
  readonly location: string | null;
  readonly description: string | null;
}

/**
 * Splits title, place and description. The place follows "@" or " à " (the latter only when the
 * place starts with a capital or a digit, so "Sortie à la mer" stays a title); the description
 * follows "--" (or "—", which phones make of it).
 */
export function splitEventText(text: string): EventText {
  const [head = "", ...descriptionParts] = text.split(/\s+(?:--|—|–)\s*/u);
  const description = descriptionParts.join(" -- ").trim();
  let title = head.trim();
  let location: string | null = null;
  const at = /\s*@\s*(.+)$/u.exec(title) ?? /\s+(?:à|at)\s+(\p{Lu}.*|\d.*)$/u.exec(title);
  if (at !== null && at.index > 0) {
    location = (at[1] ?? "").trim() || null;
    title = title.slice(0, at.index).trim();
  }
  return { title, location, description: description === "" ? null : description };
}
