import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useCatalog, type Catalog } from "../../src/i18n/catalog.ts";
import { CommandRegistry } from "../../src/dispatch/registry.ts";
import { allCommands } from "../../commands/index.ts";
import { defineCommand, reply as replyWith } from "../../src/dispatch/command.ts";
import { md } from "../../src/render/markdown.ts";
import { dispatching, MODERATOR, ROOM, textMessage } from "../support/dispatching.ts";
import { ASSOCIATION_ROOM, MEMBER, PSEUDO_CASES, STAFF } from "./pseudo-cases.ts";
import { leftover, pseudoCatalog, pseudoMessage } from "./pseudo-locale.ts";



describe("pseudo-locale", () => {
  let original: Catalog;
  beforeAll(() => {
    original = useCatalog(pseudoCatalog());
  });
  afterAll(() => {
    useCatalog(original);
  });

  it("keeps the ICU syntax and accents only the text", () => {
    expect(pseudoMessage("Il reste {count, plural, one {# place} other {# places}} pour {title}.")).toBe(
      "⟦Íl résté {count, plural, one {# pláçé} other {# pláçés}} póúr ⟧{title}⟦.⟧",
    );
  });

  it("notices a text that is not in the catalog (a command whose texts are still in its descriptor)", async () => {
    const inline = defineCommand({
      names: { fr: ["pas-traduite"], en: ["untranslated"] },
      group: "general",
      summary: { fr: "une commande écrite hors du catalogue", en: "a command written outside the catalog" },
      args: [],
      permission: "member",
      execute: () => replyWith(md`Texte écrit en dur`),
    });
    const { handle } = dispatching({ commands: [...allCommands, inline] });
    const [help] = await handle(textMessage(MEMBER, "!aide pas-traduite"));
    expect(leftover(help?.body ?? "")).not.toBe("");
    const [answer] = await handle(textMessage(MEMBER, "!pas-traduite"));
    expect(leftover(answer?.body ?? "")).not.toBe("");
  });

  it("shows every command's help (names, summary, details, argument labels, who may use it) from the catalog", async () => {
    const { handle } = dispatching({ admins: [MEMBER] });
    for (const command of new CommandRegistry(allCommands).commands) {
      const line = `!aide ${command.texts.names("fr")[0] ?? ""}`;
      const [help] = await handle(textMessage(MEMBER, line));
      expect(leftover(help?.body ?? "", line.split(/\s+/u)), `${line}: ${help?.body ?? ""}`).toBe("");
    }
  });

  for (const [area, cases] of Object.entries(PSEUDO_CASES)) {
    describe(area, () => {
      for (const { line, sender: given, values = [], matching = [], staff, before = [] } of cases) {
        const sender = given ?? (staff === undefined ? MEMBER : STAFF);
        it(`${[...before, line].join(" → ")} (${sender}${staff === undefined ? "" : `, ${staff}`}) says only catalog texts`, async () => {
          const staffRoom = staff === "staff room" ? ROOM : staff === "elsewhere" ? "!equipe:x" : undefined;
          const { handle, stores } = dispatching(staff === undefined ? {} : { staff: [sender], ...(staffRoom === undefined ? {} : { staffRoom }) });
          if (staff !== undefined) stores.rooms.recordJoin(ASSOCIATION_ROOM, 0);
          for (const earlier of before) await handle(textMessage(staff === undefined ? MODERATOR : sender, earlier));
          const replies = await handle(textMessage(sender, line));
          expect(replies.length, line).toBeGreaterThan(0);
          for (const reply of replies) {
            expect(reply.body, line).toContain("⟦");
            // The words typed are placeholder values too ("Je ne connais pas la commande !zzzz").
            expect(leftover(reply.body, [...[line, ...before].flatMap((typed) => typed.split(/\s+/u)), ...values], matching), `${line}: ${reply.body}`).toBe("");
          }
        });
      }
    });
  }
});
