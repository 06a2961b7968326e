import { describe, expect, it } from "vitest";
import { M_POLL_KIND_DISCLOSED, M_POLL_KIND_UNDISCLOSED, M_POLL_START } from "matrix-js-sdk/lib/@types/polls.js";
import { PollStartEvent } from "matrix-js-sdk/lib/extensible_events_v1/PollStartEvent.js";
import { PollResponseEvent } from "matrix-js-sdk/lib/extensible_events_v1/PollResponseEvent.js";
import { PollEndEvent } from "matrix-js-sdk/lib/extensible_events_v1/PollEndEvent.js";
import {
  POLL_END,
  POLL_RESPONSE,
  POLL_START,
  STABLE_POLL_RESPONSE,
  STABLE_POLL_START,
  pollEndContent,
  pollStartContent,
  readPollStart,
  readSelections,
  referencedPoll,
  type PollDefinition,
} from "../../src/polls/native-poll.ts";

const meeting: PollDefinition = {
  question: "Quand se réunir ?",
  answers: [
    { id: "a1", text: "Lundi" },
    { id: "a2", text: "Mardi" },
  ],
  disclosed: true,
  maxSelections: 1,
};

const reference = { "m.relates_to": { rel_type: "m.reference", event_id: "$start" } };

// The SDK's constructors take its own content types; the wire content is what we check, so widen it.
const wire = <T>(type: string, content: Record<string, unknown>): { type: string; content: T } => ({ type, content: content as T });

describe("pollStartContent", () => {
  it("is MATRIX-NOTES' example, Element's unstable layout", () => {
    expect(pollStartContent(meeting)).toEqual({
      "org.matrix.msc1767.text": "Quand se réunir ?\n1. Lundi\n2. Mardi",
      "org.matrix.msc3381.poll.start": {
        question: { "org.matrix.msc1767.text": "Quand se réunir ?" },
        kind: "org.matrix.msc3381.poll.disclosed",
        max_selections: 1,
        answers: [
          { id: "a1", "org.matrix.msc1767.text": "Lundi" },
          { id: "a2", "org.matrix.msc1767.text": "Mardi" },
        ],
      },
    });
    expect(pollStartContent({ ...meeting, disclosed: false })[POLL_START]).toMatchObject({
      kind: "org.matrix.msc3381.poll.undisclosed",
    });
  });

  it("is parsed by matrix-js-sdk as Element parses it", () => {
    for (const disclosed of [true, false]) {
      const parsed = new PollStartEvent(wire(POLL_START, pollStartContent({ ...meeting, disclosed })));
      expect(parsed.isEquivalentTo(M_POLL_START)).toBe(true);
      expect(parsed.question.text).toBe("Quand se réunir ?");
      expect(parsed.answers.map((answer) => [answer.id, answer.text])).toEqual([["a1", "Lundi"], ["a2", "Mardi"]]);
      expect(parsed.maxSelections).toBe(1);
      expect(parsed.kind).toBe(disclosed ? M_POLL_KIND_DISCLOSED : M_POLL_KIND_UNDISCLOSED);
    }
  });

  it("refuses a poll that could not be counted (a bug in the caller)", () => {
    expect(() => pollStartContent({ ...meeting, answers: [] })).toThrow(RangeError);
    expect(() => pollStartContent({ ...meeting, answers: [meeting.answers[0]!, meeting.answers[0]!] })).toThrow(RangeError);
    expect(() => pollStartContent({ ...meeting, maxSelections: 0 })).toThrow(RangeError);
  });
});

describe("readPollStart", () => {
  it("reads back what Minou sends and what Element's own serializer sends", () => {
    expect(readPollStart(POLL_START, pollStartContent(meeting))).toEqual(meeting);
    const element = PollStartEvent.from("Pizza ?", ["Oui", "Non"], M_POLL_KIND_DISCLOSED).serialize();
    const read = readPollStart(element.type, element.content as Record<string, unknown>);
    expect(read).toMatchObject({ question: "Pizza ?", disclosed: true, maxSelections: 1 });
    expect(read?.answers.map((answer) => answer.text)).toEqual(["Oui", "Non"]);
  });

  it("reads the final MSC3381 layout", () => {
    const content = {
      "m.text": [{ mimetype: "text/plain", body: "Quand ?\n1. Lundi\n2. Mardi" }],
      "m.poll": {
        kind: "m.disclosed",
        max_selections: 2,
        question: { "m.text": [{ body: "Quand ?" }] },
        answers: [
          { "m.id": "lun", "m.text": [{ mimetype: "text/html", body: "<b>Lundi</b>" }, { body: "Lundi" }] },
          { "m.id": "mar", "m.text": [{ body: "Mardi" }] },
        ],
      },
    };
    expect(readPollStart(STABLE_POLL_START, content)).toEqual({
      question: "Quand ?",
      answers: [
        { id: "lun", text: "Lundi" },
        { id: "mar", text: "Mardi" },
      ],
      disclosed: true,
      maxSelections: 2,
    });
  });

  it("takes an unknown or missing kind as undisclosed and a bad max_selections as 1", () => {
    const block = pollStartContent(meeting)[POLL_START] as Record<string, unknown>;
    expect(readPollStart(POLL_START, { [POLL_START]: { ...block, kind: "fr.example.secret", max_selections: 0 } })).toMatchObject({
      disclosed: false,
      maxSelections: 1,
    });
    expect(readPollStart(POLL_START, { [POLL_START]: { ...block, kind: undefined } })?.disclosed).toBe(false);
  });

  it("cuts more than 20 answers to the first 20, as matrix-js-sdk does", () => {
    const many = Array.from({ length: 25 }, (_, index) => ({ id: `a${index + 1}`, text: `Choix ${index + 1}` }));
    const content = { [POLL_START]: { question: { "org.matrix.msc1767.text": "?" }, answers: many.map((a) => ({ id: a.id, "org.matrix.msc1767.text": a.text })) } };
    const read = readPollStart(POLL_START, content);
    expect(read?.answers).toHaveLength(20);
    expect(read?.answers.at(-1)).toEqual({ id: "a20", text: "Choix 20" });
    expect(new PollStartEvent(wire(POLL_START, content)).answers).toHaveLength(20);
  });

  it("is undefined for malformed starts and other event types", () => {
    const block = pollStartContent(meeting)[POLL_START] as Record<string, unknown>;
    expect(readPollStart("m.room.message", pollStartContent(meeting))).toBeUndefined();
    expect(readPollStart(POLL_START, {})).toBeUndefined();
    expect(readPollStart(POLL_START, { [POLL_START]: { ...block, answers: [] } })).toBeUndefined();
    expect(readPollStart(POLL_START, { [POLL_START]: { ...block, question: {} } })).toBeUndefined();
    expect(readPollStart(POLL_START, { [POLL_START]: { ...block, answers: [{ "org.matrix.msc1767.text": "sans id" }] } })).toBeUndefined();
    const twice = [{ id: "x", "org.matrix.msc1767.text": "A" }, { id: "x", "org.matrix.msc1767.text": "B" }];
    expect(readPollStart(POLL_START, { [POLL_START]: { ...block, answers: twice } })).toBeUndefined();
  });
});

describe("responses", () => {
  it("reads the unstable response Element sends, with the ids matrix-js-sdk reads", () => {
    const element = PollResponseEvent.from(["a2"], "$start").serialize();
    expect(element.type).toBe(POLL_RESPONSE);
    const content = element.content as Record<string, unknown>;
    expect(readSelections(element.type, content)).toEqual(["a2"]);
    expect(referencedPoll(content)).toBe("$start");

    const ours = { ...reference, [POLL_RESPONSE]: { answers: ["a1"] } };
    const parsed = new PollResponseEvent(wire(POLL_RESPONSE, ours));
    parsed.validateAgainst(new PollStartEvent(wire(POLL_START, pollStartContent(meeting))));
    expect(parsed.answerIds).toEqual(readSelections(POLL_RESPONSE, ours));
    expect(parsed.pollEventId).toBe(referencedPoll(ours));
  });

  it("reads the m.poll.response key and the final m.selections layout", () => {
    expect(readSelections(POLL_RESPONSE, { ...reference, [STABLE_POLL_RESPONSE]: { answers: ["a1"] } })).toEqual(["a1"]);
    expect(readSelections(STABLE_POLL_RESPONSE, { ...reference, [STABLE_POLL_RESPONSE]: { answers: ["a2"] } })).toEqual(["a2"]);
    expect(readSelections(STABLE_POLL_RESPONSE, { ...reference, "m.selections": ["a1", "a2"] })).toEqual(["a1", "a2"]);
  });

  it("keeps an empty selection (a withdrawn vote) apart from an unreadable one (a spoiled vote)", () => {
    expect(readSelections(POLL_RESPONSE, { ...reference, [POLL_RESPONSE]: { answers: [] } })).toEqual([]);
    expect(readSelections(STABLE_POLL_RESPONSE, { ...reference, "m.selections": [] })).toEqual([]);
    expect(readSelections(POLL_RESPONSE, { ...reference, [POLL_RESPONSE]: {} })).toEqual([""]);
    expect(readSelections(POLL_RESPONSE, { ...reference, [POLL_RESPONSE]: { answers: [7] } })).toEqual([""]);
  });

  it("is undefined for other event types, and needs a reference relation", () => {
    expect(readSelections("m.reaction", { [POLL_RESPONSE]: { answers: ["a1"] } })).toBeUndefined();
    expect(referencedPoll({ "m.relates_to": { rel_type: "m.annotation", event_id: "$start" } })).toBeUndefined();
    expect(referencedPoll({ "m.relates_to": { rel_type: "m.reference" } })).toBeUndefined();
    expect(referencedPoll({})).toBeUndefined();
  });
});

describe("pollEndContent", () => {
  it("is what matrix-js-sdk's PollEndEvent writes, and it reads back the text", () => {
    const content = pollEndContent("$start", "Sondage clos. Réponse en tête : Lundi (3 voix sur 5).");
    expect(content).toEqual(PollEndEvent.from("$start", "Sondage clos. Réponse en tête : Lundi (3 voix sur 5).").serialize().content);
    const parsed = new PollEndEvent(wire(POLL_END, content));
    expect(parsed.pollEventId).toBe("$start");
    expect(parsed.closingMessage.text).toBe("Sondage clos. Réponse en tête : Lundi (3 voix sur 5).");
    expect(referencedPoll(content)).toBe("$start");
  });
});
