import { escapeHtml, unescapeHtml } from "./html-text.ts";
import { Marked, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import type { Markdown } from "./markdown.ts";
import { markdownNesting } from "./markdown-nesting.ts";

const toHtml = new Marked({ gfm: true, breaks: true, async: false });

// Element's safe HTML subset (the spec's "m.room.message msgtypes" recommendation), so what Minou
// sends renders the same in every client and nothing unexpected survives even a rendering bug.
const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    "font", "del", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "p", "a", "ul", "ol", "sup",
    "sub", "li", "b", "i", "u", "strong", "em", "s", "code", "hr", "br", "div", "table", "thead",
    "tbody", "tr", "th", "td", "caption", "pre", "span", "details", "summary",
  ],
  allowedAttributes: {
    a: ["href"],
    ol: ["start"],
    code: ["class"],
    span: ["data-mx-color", "data-mx-bg-color", "data-mx-spoiler"],
    font: ["data-mx-color", "data-mx-bg-color", "color"],
  },
  allowedSchemes: ["https", "http", "mailto", "webcal", "matrix"],
  allowedClasses: { code: [/^language-[\w-]+$/] },
};

const plainText = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    space: () => "",
    paragraph({ tokens }: Tokens.Paragraph) {
      return `${this.parser.parseInline(tokens)}\n\n`;
    },
    heading({ tokens }: Tokens.Heading) {
      return `${this.parser.parseInline(tokens)}\n\n`;
    },
    list(list: Tokens.List) {
      const start = typeof list.start === "number" ? list.start : 1;
      const items = list.items.map((item, index) => {
        const bullet = list.ordered ? `${start + index}. ` : "• ";
        return bullet + this.parser.parse(item.tokens).trim().replace(/\n/g, "\n  ");
      });
      return `${items.join("\n")}\n\n`;
    },
    blockquote({ tokens }: Tokens.Blockquote) {
      const inner = this.parser.parse(tokens).trim();
      return `${inner.replace(/^/gm, "> ")}\n\n`;
    },
    code: ({ text }: Tokens.Code) => `${text}\n\n`,
    html: ({ text }: Tokens.HTML | Tokens.Tag) => text,
    hr: () => "———\n\n",
    table(table: Tokens.Table) {
      const cells = (row: Tokens.TableCell[]): string =>
        row.map((cell) => this.parser.parseInline(cell.tokens)).join(" | ");
      return `${[cells(table.header), ...table.rows.map(cells)].join("\n")}\n\n`;
    },
    strong({ tokens }: Tokens.Strong) {
      return this.parser.parseInline(tokens);
    },
    em({ tokens }: Tokens.Em) {
      return this.parser.parseInline(tokens);
    },
    del({ tokens }: Tokens.Del) {
      return this.parser.parseInline(tokens);
    },
    codespan: ({ text }: Tokens.Codespan) => text,
    br: () => "\n",
    link({ href, tokens }: Tokens.Link) {
      const text = this.parser.parseInline(tokens);
      // A pill (matrix.to link to a user or room) reads as its name; other links show their address.
      if (href.startsWith("https://matrix.to/#/")) return text;
      return text === href || `mailto:${text}` === href ? text : `${text} (${href})`;
    },
    image: ({ text }: Tokens.Image) => text,
    text(token: Tokens.Text | Tokens.Escape) {
      return "tokens" in token && token.tokens !== undefined ? this.parser.parseInline(token.tokens) : token.text;
    },
    checkbox: ({ checked }: Tokens.Checkbox) => (checked ? "[x] " : "[ ] "),
  },
});

export interface RenderedMessage {
  readonly body: string;
  readonly formattedBody: string;
}

// Many messages repeat word for word (the help, refusals, confirmations): rendering them once
// keeps Markdown and sanitising off the hot path. Bounded, least recently used first out.
const CACHE_SIZE = 256;
const cache = new Map<string, RenderedMessage>();

/** Renders Minou's Markdown to the plain `body` and the sanitized HTML `formatted_body`. */
export function renderMessage(message: Markdown): RenderedMessage {
  const cached = cache.get(message.source);
  if (cached !== undefined) {
    cache.delete(message.source);
    cache.set(message.source, cached);
    return cached;
  }
  const rendered = renderUncached(message);
  cache.set(message.source, rendered);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return rendered;
}

/**
 * The deepest nesting rendered as Markdown. marked parses by recursion: on Node 20's default stack,
 * freshly started, it overflows past about 1,130 nested list items (`- - - …`), 1,240 emphases
 * (`*a *a … a* a*`) or 1,730 block quotes (`> > > …`). Ten times less leaves room for the stack
 * the renderer is called from and for the measure's approximations; no message needs as much.
 */
export const RENDERABLE_NESTING = 100;

function renderUncached(message: Markdown): RenderedMessage {
  if (markdownNesting(message.source) > RENDERABLE_NESTING) return asPlainText(message.source);
  let html: string;
  let text: string;
  try {
    html = toHtml.parse(message.source) as string;
    text = plainText.parse(message.source) as string;
  } catch (error) {
    // Some nesting the measure missed overflowed the stack: shown as typed instead.
    if (!(error instanceof RangeError)) throw error;
    return asPlainText(message.source);
  }
  const body = unescapeHtml(text).replace(/\n{3,}/g, "\n\n").trim();
  return { body, formattedBody: sanitizeHtml(html, sanitizeOptions).trim() };
}

/**
 * Markdown too deeply nested to parse, shown as its text: Minou's backslash escapes of user text
 * removed, line breaks kept, no markup (the HTML is escaped, then sanitized all the same).
 */
function asPlainText(source: string): RenderedMessage {
  const body = source.replace(/\\([!-/:-@[-`{-~])/g, "$1").trim();
  const html = escapeHtml(body).replace(/\r?\n/g, "<br>");
  return { body, formattedBody: sanitizeHtml(html, sanitizeOptions) };
}
