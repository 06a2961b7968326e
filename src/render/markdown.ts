/**
 * Markdown that Minou writes, with everything a user typed escaped on the way in.
 * `md` is a tagged template: the literal parts are trusted Markdown, every interpolated string is
 * user text and can never turn into markup, links or HTML.
 */
export class Markdown {
  constructor(readonly source: string) {}
  toString(): string {
    return this.source;
  }
}

export type MarkdownPart = string | number | Markdown;

const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/** CommonMark lets any ASCII punctuation be backslash-escaped, which makes user text inert. */
export function escapeMarkdown(text: string): string {
  return text.replace(ASCII_PUNCTUATION, (character) => `\\${character}`);
}

function partSource(part: MarkdownPart): string {
  if (part instanceof Markdown) return part.source;
  if (typeof part === "number") return String(part);
  return escapeMarkdown(part);
}

export function md(strings: TemplateStringsArray, ...parts: readonly MarkdownPart[]): Markdown {
  let source = strings[0] ?? "";
  parts.forEach((part, index) => {
    source += partSource(part) + (strings[index + 1] ?? "");
  });
  return new Markdown(source);
}

/** Trusted Markdown written by Minou's own code (never user text). */
export function trusted(source: string): Markdown {
  return new Markdown(source);
}

export function joinMarkdown(parts: readonly MarkdownPart[], separator: string): Markdown {
  return new Markdown(parts.map(partSource).join(separator));
}

/** A code span around any text: backslashes do not work inside one, so the fence grows instead. */
export function code(text: string): Markdown {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const padded = text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text;
  return new Markdown(`${fence}${padded.replace(/\n/g, " ")}${fence}`);
}

/**
 * A user pill: Element shows a matrix.to link to a user as their current name; the link's text,
 * which is what the plain `body` reads, is their display name in the room when Minou knows it,
 * else their Matrix ID (either one is what Synapse's legacy mention rules look for). A display name
 * holding "@room" is not used: it would ping the whole room.
 */
export function userPill(userId: string, displayName?: string): Markdown {
  const label = displayName === undefined || displayName.trim() === "" || /@room/iu.test(displayName) ? userId : displayName.trim().replace(/\s+/gu, " ");
  return new Markdown(`[${escapeMarkdown(label)}](${escapeMarkdown(matrixToUser(userId))})`);
}

/** `https://matrix.to/#/@user:server`, percent-encoding only what a URL fragment cannot hold. */
export function matrixToUser(userId: string): string {
  return `https://matrix.to/#/${userId.replace(/[^A-Za-z0-9@:._~=+/-]/gu, (character) => encodeURIComponent(character))}`;
}

/**
 * A link whose text and address may both come from a user. Only http(s) addresses become links
 * (anything else shows as text); the address goes in CommonMark's `<…>` form, where backslash
 * escapes still apply, so no character of it can end the link or start markup.
 */
export function link(text: string, url: string): Markdown {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return md`${text} (${url})`;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return md`${text} (${url})`;
  // The parser's form has no space, < or > (they are percent-encoded), which `<…>` could not hold.
  return new Markdown(`[${escapeMarkdown(text)}](<${escapeMarkdown(parsed.href)}>)`);
}
