import { describe, expect, it } from "vitest";
import { storeAgendaSource } from "../../src/agenda/store-source.ts";
import { memoryStores } from "../support/memory-stores.ts";

describe("storeAgendaSource", () => {
  it("names each room's organiser as registered with !asso nom, else by the room's name", () => {
    const stores = memoryStores();
    for (const roomId of ["!jardins:x", "!chorale:x", "!sans-nom:x"]) stores.rooms.recordJoin(roomId, 0);
    stores.rooms.setName("!jardins:x", "Salon des jardins");
    stores.rooms.setAssociationName("!jardins:x", "Les Jardins partagés");
    stores.rooms.setName("!chorale:x", "Chorale du quartier");
    const source = storeAgendaSource(stores, { language: "fr", timeZone: "Europe/Paris" });
    expect(Object.fromEntries(source.organisers())).toEqual({ "!jardins:x": "Les Jardins partagés", "!chorale:x": "Chorale du quartier" });
  });
});
