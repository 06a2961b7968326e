import { describe, expect, it } from "vitest";
import { liveDocumentIndex, recordIndexSent, requestIndex } from "../../src/documents/index-message.ts";
import { editContent } from "../../src/matrix/edit-content.ts";
import { PIN_ACTION } from "../../src/pipeline/outbox-sender.ts";
import { link } from "../../src/render/markdown.ts";
import { renderMessage } from "../../src/render/render-message.ts";
import { memoryStores } from "../support/memory-stores.ts";

const ROOM = "!asso:x";
const DEFAULTS = { language: "fr" as const, timeZone: "Europe/Paris", prefix: "!" };

function setup() {
  const stores = memoryStores();
  stores.rooms.recordJoin(ROOM, 0);
  return stores;
}

describe("the documents index", () => {
  it("is pinned once sent when asked with the power to pin, and edited when the list changes", () => {
    const stores = setup();
    stores.documents.documents.create({ roomId: ROOM, title: "Budget", url: "https://cloud.x/b", tags: ["compta"], addedBy: "@camille:x" }, 1);
    const message = requestIndex(stores, ROOM, true, DEFAULTS, 1);
    expect(String(message.content["body"])).toBe("📌 Documents du salon (1)\n\n#compta\n\n• n°1 · Budget (https://cloud.x/b)\n\nAjouter : !docs ajouter <titre> <lien> #étiquette · Chercher : !docs chercher <mots>");
    recordIndexSent(stores, message.purposeRef, "$index", 2);
    const pin = stores.outbox.nextForRoom(ROOM);
    expect(pin).toMatchObject({ eventType: PIN_ACTION, content: { event_id: "$index" } });
    recordIndexSent(stores, message.purposeRef, "$index", 3);
    expect(stores.outbox.pending(10)).toHaveLength(1);

    stores.documents.documents.create({ roomId: ROOM, title: "Statuts", url: "https://cloud.x/s", tags: [], addedBy: "@camille:x" }, 4);
    stores.documents.index.markDirty(ROOM, 4);
    const source = liveDocumentIndex(stores, DEFAULTS);
    const [id] = source.due(4);
    const edit = source.takeEdit(id ?? 0);
    expect(edit).toMatchObject({ roomId: ROOM, originalEventId: "$index", revision: 1 });
    expect(String(edit?.content["body"])).toContain("Sans étiquette\n\n• n°2 · Statuts (https://cloud.x/s)");
  });

  it("is not pinned when Minou could not pin", () => {
    const stores = setup();
    const message = requestIndex(stores, ROOM, false, DEFAULTS, 1);
    recordIndexSent(stores, message.purposeRef, "$index", 2);
    expect(stores.outbox.pending(10)).toEqual([]);
  });

  it("stays within a Matrix event's 64 KiB even as an edit of hundreds of long links", () => {
    const stores = setup();
    for (let index = 0; index < 300; index += 1) {
      stores.documents.documents.create({ roomId: ROOM, title: `Compte rendu n°${index} — réunion «${"é".repeat(150)}»`, url: `https://pad.x/${index}/${"a".repeat(1500)}`, tags: [`t${index % 7}`, "commun"], addedBy: "@camille:x" }, 1);
    }
    const message = requestIndex(stores, ROOM, false, DEFAULTS, 1);
    const edit = editContent("$index", { ...message.content });
    expect(Buffer.byteLength(JSON.stringify(edit))).toBeLessThan(65_536 - 1_024);
    expect(String(message.content["body"])).toMatch(/… et \d+ documents de plus : trouvez-les avec !docs chercher <mots>\./);
  });
});

describe("link", () => {
  it("links only http(s) addresses, and no character of text or address escapes", () => {
    expect(renderMessage(link("a](javascript:x) *b*", "https://x.fr/a_(b)?c=<d>")).formattedBody).toBe('<p><a href="https://x.fr/a_(b)?c=%3Cd%3E">a](javascript:x) *b*</a></p>');
    expect(renderMessage(link("piège", "javascript:alert(1)")).formattedBody).toBe("<p>piège (javascript:alert(1))</p>");
  });
});
