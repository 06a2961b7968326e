import { describe, expect, it } from "vitest";
import { code, md, trusted } from "../../src/render/markdown.ts";
import { renderMessage } from "../../src/render/render-message.ts";

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
});
