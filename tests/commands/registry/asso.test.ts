import { describe, expect, it } from "vitest";
import { assoContact, assoNom } from "../../../commands/registry/asso.ts";
import { graphemeCount } from "../../../src/render/cut-text.ts";
import { renderMessage } from "../../../src/render/render-message.ts";
import { commandContext } from "../../support/command-context.ts";

const bodyOf = (result: ReturnType<typeof assoNom.execute>): string => renderMessage(result.text).body;
const hasLoneSurrogate = (text: string): boolean => /[\uD800-\uDFFF]/u.test(text);

describe("!asso nom / !asso contact", () => {
  it("keeps a name of 200 characters whole, an emoji at the end counting as one", () => {
    const context = commandContext({ level: "moderator" });
    const name = `${"a".repeat(199)}🐈`;
    const body = bodyOf(assoNom.execute(context, { name }));
    expect(context.stores.rooms.get(context.room.roomId)?.associationName).toBe(name);
    expect(body).toBe(`C'est noté : l'association s'appelle « ${name} ».`);
  });

  it("cuts a longer name between characters, with …, and says so", () => {
    const context = commandContext({ level: "moderator" });
    const body = bodyOf(assoNom.execute(context, { name: `${"a".repeat(198)}🐈👩🏽‍🌾 et la suite` }));
    const stored = context.stores.rooms.get(context.room.roomId)?.associationName ?? "";
    expect(stored).toBe(`${"a".repeat(198)}🐈…`);
    expect(graphemeCount(stored)).toBe(200);
    expect(body).toContain("(raccourci : 200 caractères au plus)");
    expect(hasLoneSurrogate(body)).toBe(false);
  });

  it("does the same for the contact, in English too", () => {
    const context = commandContext({ level: "moderator", language: "en" });
    const body = bodyOf(assoContact.execute(context, { contact: `${"📞".repeat(250)}` }));
    expect(context.stores.rooms.get(context.room.roomId)?.contact).toBe(`${"📞".repeat(199)}…`);
    expect(body).toContain("(shortened: at most 200 characters)");
    expect(hasLoneSurrogate(body)).toBe(false);
  });
});
