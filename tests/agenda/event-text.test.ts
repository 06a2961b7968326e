import { describe, expect, it } from "vitest";
import { splitEventText } from "../../src/agenda/event-text.ts";
import { answerOfReaction, normalizeReactionKey } from "../../src/reactions/reaction-key.ts";
import { parseOffsets } from "../../commands/agenda/rappels.ts";

describe("splitEventText", () => {
  it("reads the place after @ and the description after --", () => {
    expect(splitEventText("Réunion du bureau @ Salle des fêtes -- ordre du jour : budget")).toEqual({
      title: "Réunion du bureau",
      location: "Salle des fêtes",
      description: "ordre du jour : budget",
    });
    expect(splitEventText("Loto")).toEqual({ title: "Loto", location: null, description: null });
  });

  it("reads « à » as a place only before a capital or a number", () => {
    expect(splitEventText("Assemblée générale à Maison des associations")).toMatchObject({ title: "Assemblée générale", location: "Maison des associations" });
    expect(splitEventText("Collecte à 12 rue des Lilas")).toMatchObject({ title: "Collecte", location: "12 rue des Lilas" });
    expect(splitEventText("Sortie à la mer")).toMatchObject({ title: "Sortie à la mer", location: null });
  });

  it("accepts the long dash phones turn -- into", () => {
    expect(splitEventText("Chorale — apportez vos partitions")).toMatchObject({ title: "Chorale", description: "apportez vos partitions" });
  });
});

describe("reaction keys", () => {
  it("normalises variation selectors and skin tones", () => {
    expect(normalizeReactionKey("✅\uFE0F")).toBe("✅");
    expect(normalizeReactionKey("👍🏽")).toBe("👍");
    expect(answerOfReaction("✅️")).toBe("yes");
    expect(answerOfReaction("👍🏿")).toBe("yes");
    expect(answerOfReaction("❓")).toBe("maybe");
    expect(answerOfReaction("❌")).toBe("no");
    expect(answerOfReaction("🎉")).toBeUndefined();
  });
});

describe("reminder delays", () => {
  it("reads days, hours and minutes in French and English", () => {
    expect(parseOffsets("1j 1h")).toEqual([1440, 60]);
    expect(parseOffsets("2 jours 30min")).toEqual([2880, 30]);
    expect(parseOffsets("1d 2 hours")).toEqual([1440, 120]);
    expect(parseOffsets("bientôt")).toBeUndefined();
    expect(parseOffsets("")).toBeUndefined();
  });
});
