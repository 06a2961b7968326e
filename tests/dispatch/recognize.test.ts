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
