import { describe, expect, it } from "vitest";
import { dates } from "../../../commands/polls/dates.ts";
import type { CommandResult } from "../../../src/dispatch/command.ts";
import { renderMessage } from "../../../src/render/render-message.ts";
import { commandContext } from "../../support/command-context.ts";

const bodyOf = (result: CommandResult): string => renderMessage(result.text).body;

describe("!sondage dates, as people type it", () => {
  it("accepts a title up to the ? and slots separated by commas, without quotes", () => {
    const context = commandContext();
    const result = dates.execute(context, { text: "Réunion de rentrée ? lundi 14h, mardi 18h" });
    expect(result.kind).toBe("reply");
    const poll = context.stores.polls.polls.byNumber(context.room.roomId, 1);
    expect(poll).toMatchObject({ kind: "dates", question: "Réunion de rentrée ?" });
    expect(poll?.options.map((option) => option.label)).toEqual(["lundi 14h", "mardi 18h"]);
    expect(result.kind === "reply" ? result.followUps : []).toHaveLength(2);
  });

  it("accepts a title without ? before the first slot, and keeps the quoted form with |", () => {
    const context = commandContext();
    dates.execute(context, { text: "Réunion de rentrée lundi 14h, mardi 18h jusqu'à samedi" });
    expect(context.stores.polls.polls.byNumber(context.room.roomId, 1)).toMatchObject({ question: "Réunion de rentrée", options: [{ label: "lundi 14h" }, { label: "mardi 18h" }] });
    dates.execute(context, { text: '"Pique-nique" samedi 12h | dimanche 12h' });
    expect(context.stores.polls.polls.byNumber(context.room.roomId, 2)).toMatchObject({ question: "Pique-nique", options: [{ label: "samedi 12h" }, { label: "dimanche 12h" }] });
  });

  it("answers what it cannot read with the date poll's own example, not the native poll's", () => {
    const context = commandContext();
    const noSlot = dates.execute(context, { text: "Réunion de rentrée" });
    expect(noSlot.kind).toBe("refusal");
    expect(bodyOf(noSlot)).toBe("Donnez un titre, puis les créneaux séparés par des virgules : !sondage dates Réunion de rentrée ? lundi 14h, mardi 18h");
    expect(bodyOf(dates.execute(context, { text: "Réunion ? lundi 14h" }))).toContain("au moins deux créneaux");
  });

  it("reads the same forms in English", () => {
    const context = commandContext({ language: "en" });
    expect(dates.execute(context, { text: "Autumn meeting? Monday 2pm, Tuesday 6pm" }).kind).toBe("reply");
    expect(context.stores.polls.polls.byNumber(context.room.roomId, 1)).toMatchObject({ question: "Autumn meeting?", options: [{ label: "Monday 2pm" }, { label: "Tuesday 6pm" }] });
    expect(bodyOf(dates.execute(context, { text: "Autumn meeting" }))).toBe("Give a title, then the slots separated by commas: !poll dates Autumn meeting? Monday 2pm, Tuesday 6pm");
  });
});
