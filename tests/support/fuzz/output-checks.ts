// Checks of what Minou sends. Its org.matrix.custom.html against the spec's safe subset
// (Client-Server API, "m.room.message msgtypes", HTML: the tags and attributes clients should
// keep), parsed with htmlparser2, the parser sanitize-html is built on, so that nothing is judged
// by the code that produced it; and its cut texts, for half a character before an ellipsis.
import { Parser } from "htmlparser2";

/** The spec's permitted tags (v1.10+; `mx-reply` is its reply fallback, deprecated but allowed). */
const ALLOWED_TAGS = new Set([
  "font", "del", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "p", "a", "ul", "ol", "sup", "sub", "li", "b", "i", "u",
  "strong", "em", "s", "code", "hr", "br", "div", "table", "thead", "tbody", "tr", "th", "td", "caption", "pre", "span", "img",
  "details", "summary", "mx-reply",
]);

/** The spec's permitted attributes, per tag. */
const ALLOWED_ATTRIBUTES: Readonly<Record<string, ReadonlySet<string>>> = {
  font: new Set(["data-mx-bg-color", "data-mx-color", "color"]),
  span: new Set(["data-mx-bg-color", "data-mx-color", "data-mx-spoiler", "data-mx-maths"]),
  div: new Set(["data-mx-maths"]),
  a: new Set(["target", "href"]),
  img: new Set(["width", "height", "alt", "title", "src"]),
  ol: new Set(["start"]),
  code: new Set(["class"]),
};

/**
 * Link schemes a reader may follow from Minou's messages: the web, mail, Matrix (matrix.to links
 * are https; `matrix:` is the spec's URI scheme). `webcal:` is how Minou offers its calendar
 * feeds (MATRIX-NOTES.md, iCalendar); Element permits it, the spec's own list does not name it.
 */
const ALLOWED_SCHEMES = new Set(["http:", "https:", "mailto:", "matrix:", "webcal:"]);

export interface HtmlProblem {
  readonly problem: string;
  readonly detail: string;
}

function schemeOf(url: string): string | undefined {
  // Browsers drop control characters and blanks anywhere in a scheme ("jav\tascript:").
  const cleaned = [...url].filter((character) => (character.codePointAt(0) ?? 0) > 0x20 && !/\p{Cc}/u.test(character)).join("");
  const match = /^([a-z][a-z0-9+.-]*):/iu.exec(cleaned);
  return match?.[1] === undefined ? undefined : `${match[1].toLowerCase()}:`;
}

export interface HtmlInspection {
  /** Every way the HTML leaves the spec's safe subset; empty when it stays in it. */
  readonly problems: HtmlProblem[];
  /** The schemes of its links ("https:"), as a browser reads them. */
  readonly linkSchemes: string[];
}

export function inspectHtml(html: string): HtmlInspection {
  const problems: HtmlProblem[] = [];
  const linkSchemes: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (!ALLOWED_TAGS.has(name)) problems.push({ problem: "tag not allowed", detail: `<${name}>` });
        const allowed = ALLOWED_ATTRIBUTES[name] ?? new Set<string>();
        for (const [attribute, value] of Object.entries(attributes)) {
          if (/^on/iu.test(attribute)) problems.push({ problem: "event handler attribute", detail: `<${name} ${attribute}>` });
          else if (!allowed.has(attribute)) problems.push({ problem: "attribute not allowed", detail: `<${name} ${attribute}>` });
          if (name === "a" && attribute === "href") {
            const scheme = schemeOf(value);
            linkSchemes.push(scheme ?? "(relative)");
            if (scheme === undefined || !ALLOWED_SCHEMES.has(scheme)) problems.push({ problem: "link scheme not allowed", detail: value.slice(0, 120) });
          }
          if (name === "img" && attribute === "src" && !value.startsWith("mxc://")) problems.push({ problem: "image not from mxc://", detail: value.slice(0, 120) });
          if (name === "code" && attribute === "class" && !/^language-[\w-]+$/u.test(value)) problems.push({ problem: "code class not language-*", detail: value.slice(0, 120) });
        }
      },
      oncomment(data) {
        problems.push({ problem: "comment", detail: data.slice(0, 120) });
      },
      onprocessinginstruction(name) {
        problems.push({ problem: "processing instruction", detail: name.slice(0, 120) });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeCDATA: false },
  );
  parser.write(html);
  parser.end();
  return { problems, linkSchemes };
}

const REGIONAL_INDICATOR = /^\uD83C[\uDDE6-\uDDFF]$/u;

/**
 * Where a text Minou cut shows half a character before its ellipsis: a zero-width joiner left
 * from an emoji sequence, a flag's first half, a lone surrogate. Undefined when there is none.
 */
export function brokenCut(text: string): string | undefined {
  const lone = /[\uD800-\uDFFF]/u.exec(text);
  if (lone !== null) return `lone surrogate at ${lone.index}`;
  for (let at = text.indexOf("…"); at !== -1; at = text.indexOf("…", at + 1)) {
    const before = [...text.slice(Math.max(0, at - 40), at)];
    if (before.at(-1) === "\u200D") return `joiner before the ellipsis at ${at}`;
    let flags = 0;
    while (flags < before.length && REGIONAL_INDICATOR.test(before[before.length - 1 - flags] ?? "")) flags += 1;
    if (flags % 2 === 1) return `half a flag before the ellipsis at ${at}`;
  }
  return undefined;
}

const graphemes = new Intl.Segmenter("fr", { granularity: "grapheme" });
/** Clusters longer than this are not looked for across the window's edge. */
const WINDOW = 400;

/** Whether `index` falls between two grapheme clusters of `text` (segmented near it only: long texts segment slowly). */
function isGraphemeBoundary(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  const from = Math.max(0, index - WINDOW);
  for (const { index: at } of graphemes.segment(text.slice(from, Math.min(text.length, index + WINDOW)))) {
    if (from + at === index) return true;
    if (from + at > index) return false;
  }
  return false;
}

/**
 * Where a reply quotes what the member typed and cuts it inside a character (an emoji and its
 * skin tone, a letter and its accent) before the ellipsis. The quote is found as the longest end
 * of the text before each "…" that appears in what was typed (blanks folded, as excerpts do).
 */
export function cutInsideCharacter(reply: string, typed: string): string | undefined {
  const source = typed.replace(/\s+/gu, " ");
  for (let at = reply.indexOf("…"); at !== -1; at = reply.indexOf("…", at + 1)) {
    const before = reply.slice(Math.max(0, at - 80), at);
    const occursTyped = (length: number): boolean => source.includes(before.slice(-length));
    if (before.length < 8 || !occursTyped(8)) continue;
    // The longest quoted end: every shorter end of a quoted end is quoted too.
    let low = 8;
    let high = before.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (occursTyped(middle)) low = middle;
      else high = middle - 1;
    }
    const quoted = before.slice(-low);
    let cleanCut = false;
    for (let found = source.indexOf(quoted); found !== -1 && !cleanCut; found = source.indexOf(quoted, found + 1)) {
      cleanCut = isGraphemeBoundary(source, found + quoted.length);
    }
    if (!cleanCut) {
      const end = source.indexOf(quoted) + quoted.length;
      return `quote cut inside a character: ${JSON.stringify(source.slice(Math.max(0, end - 6), end))} | ${JSON.stringify(source.slice(end, end + 6))}`;
    }
  }
  return undefined;
}
