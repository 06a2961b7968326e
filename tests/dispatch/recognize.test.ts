import { describe, expect, it } from "vitest";
import { recognizeCommand } from "../../src/dispatch/recognize.ts";

const options = { prefix: "!", names: ["Minou"], botUserId: "@minou:tilleuls.fr" };
const text = (body: string, extra: Record<string, unknown> = {}) => ({ msgtype: "m.text", body, ...extra });

describe("recognizeCommand", () => {
  it("reads the prefix form", () => {
    expect(recognizeCommand(text("!aide"), options)).toBe("aide");
    expect(recognizeCommand(text("  !agenda ajouter jeudi  "), options)).toBe("agenda ajouter jeudi");
    expect(recognizeCommand(text("! aide"), options)).toBe("aide");
    expect(recognizeCommand(text("!"), options)).toBeUndefined();
  });

  it("answers when addressed by name, with or without accents, case or punctuation", () => {
    expect(recognizeCommand(text("Minou : aide"), options)).toBe("aide");
    expect(recognizeCommand(text("minou, agenda"), options)).toBe("agenda");
    expect(recognizeCommand(text("MINOU: !aide langue"), options)).toBe("aide langue");
    expect(recognizeCommand(text("Minou ?"), options)).toBe("aide");
    expect(recognizeCommand(text("@minou:tilleuls.fr aide"), options)).toBe("aide");
  });

  it("reads a command behind invisible marks and leading spaces, or with marks inside its word", () => {
    for (const mark of ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", " ", "\u00A0", "\u202F", "\u200B\u00A0"]) {
      expect(recognizeCommand(text(`${mark}!aide`), options), JSON.stringify(mark)).toBe("aide");
      expect(recognizeCommand(text(`!${mark}aide`), options), JSON.stringify(mark)).toBe("aide");
      expect(recognizeCommand(text(`${mark}Minou : aide`), options), JSON.stringify(mark)).toBe("aide");
    }
    expect(recognizeCommand(text("!ai\u200Bde"), options)).toBe("aide");
    expect(recognizeCommand(text("!ai\u200Cd\u200De agenda\u2060 ajouter"), options)).toBe("aide agenda ajouter");
    expect(recognizeCommand(text("!agenda\u00A0ajouter"), options)).toBe("agenda\u00A0ajouter");
  });

  it("reads a command behind the direction marks of right-to-left typing, or with a control character in it", () => {
    for (const mark of ["\u200E", "\u200F", "\u061C", "\u202A", "\u2066", "\u2067"]) {
      expect(recognizeCommand(text(`${mark}!aide`), options), JSON.stringify(mark)).toBe("aide");
      expect(recognizeCommand(text(`${mark}Minou : aide\u2069`), options), JSON.stringify(mark)).toBe("aide");
    }
    expect(recognizeCommand(text("!documents\u007F"), options)).toBe("documents");
    expect(recognizeCommand(text("!ai\u0000de"), options)).toBe("aide");
  });

  it("keeps the joiners that mean something: emoji sequences and scripts that need them", () => {
    expect(recognizeCommand(text("!agenda ajouter jeudi 18h Atelier 👩\u200D🌾"), options)).toBe("agenda ajouter jeudi 18h Atelier 👩\u200D🌾");
    expect(recognizeCommand(text("!faq می\u200Cخواهم"), options)).toBe("faq می\u200Cخواهم");
  });

  it("takes only a name followed by ':' or ',' as addressing Minou", () => {
    expect(recognizeCommand(text("Minou est super"), options)).toBeUndefined();
    expect(recognizeCommand(text("Minou aide"), options)).toBeUndefined();
    expect(recognizeCommand(text("minou"), options)).toBeUndefined();
    expect(recognizeCommand(text("Minou! Descends de la table"), options)).toBeUndefined();
    expect(recognizeCommand(text("Minou:aide"), options)).toBe("aide");
    expect(recognizeCommand(text("Minou\u202F: aide"), options)).toBe("aide");
    expect(recognizeCommand(text("Minou :"), options)).toBe("aide");
    expect(recognizeCommand(text("@minou:tilleuls.fré aide"), options)).toBeUndefined();
  });

  it("takes a mention pill of Minou at the start as addressing it, with or without ':'", () => {
    const pill = (body: string, formatted: string | undefined, mentions: Record<string, unknown> | undefined) =>
      text(body, { ...(formatted === undefined ? {} : { format: "org.matrix.custom.html", formatted_body: formatted }), ...(mentions === undefined ? {} : { "m.mentions": mentions }) });
    const link = '<a href="https://matrix.to/#/@minou:tilleuls.fr">Minou (bot)</a>';
    // Element: display name in the body, a link in formatted_body, the ID in m.mentions.
    expect(recognizeCommand(pill("Minou (bot): aide", `${link}: aide`, { user_ids: ["@minou:tilleuls.fr"] }), options)).toBe("aide");
    expect(recognizeCommand(pill("Minou (bot) agenda", `${link} agenda`, { user_ids: ["@minou:tilleuls.fr"] }), options)).toBe("agenda");
    // Older clients: the link only, its ID percent-encoded.
    expect(recognizeCommand(pill("Minou (bot) aide", '<a href="https://matrix.to/#/%40minou%3Atilleuls.fr">Minou (bot)</a> aide', undefined), options)).toBe("aide");
    // Intentional mentions only, the body starting with a name or the ID.
    expect(recognizeCommand(pill("Minou aide", undefined, { user_ids: ["@minou:tilleuls.fr"] }), options)).toBe("aide");
    expect(recognizeCommand(pill("@minou:tilleuls.fr: aide", undefined, { user_ids: ["@minou:tilleuls.fr"] }), options)).toBe("aide");
    // Someone else's pill, or Minou mentioned further on, is conversation.
    expect(recognizeCommand(pill("Minou aide", '<a href="https://matrix.to/#/@minou:ailleurs.fr">Minou</a> aide', { user_ids: ["@minou:ailleurs.fr"] }), options)).toBeUndefined();
    expect(recognizeCommand(pill("Merci Minou", 'Merci <a href="https://matrix.to/#/@minou:tilleuls.fr">Minou</a>', { user_ids: ["@minou:tilleuls.fr"] }), options)).toBeUndefined();
  });

  it("ignores ordinary conversation", () => {
    expect(recognizeCommand(text("Minouche est là"), options)).toBeUndefined();
    expect(recognizeCommand(text("on demande à minou ?"), options)).toBeUndefined();
    expect(recognizeCommand(text("Bonjour à tous"), options)).toBeUndefined();
  });

  it("ignores notices (other bots) and non-text messages", () => {
    expect(recognizeCommand({ msgtype: "m.notice", body: "!aide" }, options)).toBeUndefined();
    expect(recognizeCommand({ msgtype: "m.image", body: "!aide.png" }, options)).toBeUndefined();
    expect(recognizeCommand({ msgtype: "m.text" }, options)).toBeUndefined();
  });

  it("skips the quoted fallback of a reply from older clients", () => {
    const reply = text("> <@camille:tilleuls.fr> Quand est la réunion ?\n\n!agenda", {
      "m.relates_to": { "m.in_reply_to": { event_id: "$q" } },
    });
    expect(recognizeCommand(reply, options)).toBe("agenda");
  });

  it("works with another prefix", () => {
    expect(recognizeCommand(text("?aide"), { ...options, prefix: "?" })).toBe("aide");
    expect(recognizeCommand(text("!aide"), { ...options, prefix: "?" })).toBeUndefined();
  });
});
