import { describe, expect, it } from "vitest";
import { code, md, trusted } from "../../src/render/markdown.ts";
import { RENDERABLE_NESTING, renderMessage } from "../../src/render/render-message.ts";

describe("renderMessage", () => {
  it("keeps Minou's own Markdown as formatting, with a readable plain body", () => {
    const rendered = renderMessage(trusted("**Agenda**\n\n- Loto\n- Vide-grenier [plan](https://exemple.fr/plan)"));
    expect(rendered.formattedBody).toBe(
      '<p><strong>Agenda</strong></p>\n<ul>\n<li>Loto</li>\n<li>Vide-grenier <a href="https://exemple.fr/plan">plan</a></li>\n</ul>',
    );
    expect(rendered.body).toBe("Agenda\n\n• Loto\n• Vide-grenier plan (https://exemple.fr/plan)");
  });

  it("escapes everything a user typed: no HTML, no Markdown, no links", () => {
    const typed = '<img src=x onerror=alert(1)> **gras** [piège](javascript:alert(1)) _x_ # titre & "guillemets"';
    const rendered = renderMessage(md`Titre : ${typed}`);
    expect(rendered.formattedBody).not.toContain("<img");
    expect(rendered.formattedBody).not.toContain("<strong>");
    expect(rendered.formattedBody).not.toContain("<a ");
    expect(rendered.formattedBody).not.toContain("<h1>");
    expect(rendered.formattedBody).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(rendered.body).toBe(`Titre : ${typed}`);
  });

  it("puts any text safely in a code span, backticks included", () => {
    const rendered = renderMessage(md`Utilisation : ${code("!sondage `a` <b>")}`);
    expect(rendered.formattedBody).toBe("<p>Utilisation : <code>!sondage `a` &lt;b&gt;</code></p>");
    expect(rendered.body).toBe("Utilisation : !sondage `a` <b>");
  });

  it("drops HTML outside Element's safe subset even in trusted Markdown", () => {
    const rendered = renderMessage(trusted('<script>alert(1)</script><iframe src="x"></iframe>ok'));
    expect(rendered.formattedBody).not.toMatch(/script|iframe/);
  });

  // Nesting that overflows marked's recursion, even once its code is optimised (see RENDERABLE_NESTING):
  // the block quotes fit in the 4,000 characters of a FAQ answer or a welcome text.
  const tooDeep: Record<string, string> = {
    "block quotes": `${">".repeat(3_980)} Bienvenue`,
    "list items": `${"- ".repeat(5_000)}Bienvenue`,
    "starred list items": `${"* ".repeat(5_000)}Bienvenue`,
    "numbered list items": `${"1. ".repeat(5_000)}Bienvenue`,
    "strong emphasis": `${"**a ".repeat(2_000)}Bienvenue${" b**".repeat(2_000)}`,
  };

  for (const [shape, source] of Object.entries(tooDeep)) {
    it(`shows Markdown nested too deeply (${shape}) as its plain text, sanitized, instead of overflowing the stack`, () => {
      const rendered = renderMessage(trusted(`**n°1 · Où est le pad \\?**\n${source}`));
      expect(rendered.body).toContain("Bienvenue");
      expect(rendered.body.startsWith("**n°1 · Où est le pad ?**\n")).toBe(true);
      expect(rendered.formattedBody).not.toMatch(/<(blockquote|ul|ol|li|em|strong)>/);
      expect(rendered.formattedBody).toContain("<br />");
      if (shape === "block quotes") expect(rendered.formattedBody).toContain("&gt;&gt;&gt;");
    });
  }

  it("still renders nesting up to its limit as Markdown", () => {
    const quotes = renderMessage(trusted(`${"> ".repeat(RENDERABLE_NESTING)}fond`));
    expect(quotes.formattedBody.match(/<blockquote>/g)).toHaveLength(RENDERABLE_NESTING);
    const list = renderMessage(trusted(`${"- ".repeat(RENDERABLE_NESTING)}fond`));
    expect(list.formattedBody.match(/<li>/g)).toHaveLength(RENDERABLE_NESTING);
  });

  it("escapes the HTML of a text it shows plainly", () => {
    const rendered = renderMessage(trusted(`${"> ".repeat(RENDERABLE_NESTING + 1)}<img src=x onerror=alert(1)> & <b>gras</b>`));
    expect(rendered.formattedBody).not.toContain("<img");
    expect(rendered.formattedBody).not.toContain("<b>");
    expect(rendered.formattedBody).toContain("&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;gras&lt;/b&gt;");
  });
});
