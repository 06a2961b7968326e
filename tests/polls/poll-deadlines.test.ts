import { describe, expect, it } from "vitest";
import { closePoll } from "../../src/polls/close-poll.ts";
import { pollDeadlinesJob } from "../../src/polls/poll-deadlines.ts";
import { parseDatePollRequest, parseDeadline, parsePollRequest } from "../../src/polls/parse-poll.ts";
import { parsePowerLevels } from "../../src/matrix/power-levels.ts";
import { captureLog } from "../support/capture-log.ts";
import { memoryStores } from "../support/memory-stores.ts";
import { RecordingTransport } from "../support/recording-transport.ts";

const ROOM = "!asso:x";
const NOW = Date.UTC(2026, 10, 26, 9, 0);

function setup(options: { startEventId?: string | null; createdBy?: string; external?: boolean; minouLevel?: number } = {}) {
  const stores = memoryStores();
  stores.rooms.recordJoin(ROOM, 0);
  const poll = stores.polls.polls.create(
    {
      roomId: ROOM, kind: "question", question: "Quand ?", disclosed: true, anonymous: false, code: null, external: options.external ?? false, createdBy: options.createdBy ?? "@camille:x",
      deadline: NOW + 60_000, timeZone: "Europe/Paris", startEventId: options.startEventId === undefined ? "$start" : options.startEventId,
      options: [{ position: 1, answerId: "a1", label: "Lundi", startsAt: null, endsAt: null, allDay: false }, { position: 2, answerId: "a2", label: "Mardi", startsAt: null, endsAt: null, allDay: false }],
    },
    NOW,
  );
  const transport = new RecordingTransport();
  const { log } = captureLog();
  const roomState = {
    displayName: (roomId: string, userId: string) => (userId === "@camille:x" ? "Camille" : undefined),
    powerLevels: async () => parsePowerLevels({ users: { "@minou:x": options.minouLevel ?? 50 } }),
  };
  const job = pollDeadlinesJob(stores, transport, { defaultLanguage: "fr", prefix: "!", botUserId: "@minou:x", retryPolicy: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 } }, roomState, () => undefined, log);
  return { stores, poll, transport, job };
}

const response = (id: string, sender: string, answer: string, ts: number) => ({
  event_id: id, type: "org.matrix.msc3381.poll.response", sender, origin_server_ts: ts,
  content: { "m.relates_to": { rel_type: "m.reference", event_id: "$start" }, "org.matrix.msc3381.poll.response": { answers: [answer] } },
});

describe("poll deadlines", () => {
  it("recounts from the relations endpoint before closing, so a vote missed in sync still counts", async () => {
    const { stores, poll, transport, job } = setup();
    stores.polls.votes.recordResponse(poll.id, { eventId: "$seen", sender: "@camille:x", sentAt: NOW + 1, selections: ["a1"] });
    transport.relationsOf["$start"] = [response("$seen", "@camille:x", "a1", NOW + 1), response("$missed1", "@dominique:x", "a2", NOW + 2), response("$missed2", "@sacha:x", "a2", NOW + 3)];
    await job.run(NOW + 30_000);
    expect(stores.outbox.pendingRooms()).toEqual([]);
    await job.run(NOW + 60_000);
    const end = stores.outbox.nextForRoom(ROOM);
    expect(end?.eventType).toBe("org.matrix.msc3381.poll.end");
    expect(end?.content["org.matrix.msc1767.text"]).toBe("Sondage clos. Réponse en tête : Mardi (2 voix sur 3).");
    stores.outbox.markSent(end?.id ?? 0, "$end", 0);
    await job.run(NOW + 90_000);
    expect(stores.outbox.nextForRoom(ROOM)).toBeUndefined();
  });

  it("a result posted at the deadline, when nobody is watching, notifies the poll's author; after !sondage clore it is a notice", async () => {
    const { stores, job } = setup({ startEventId: null });
    await job.run(NOW + 60_000);
    const result = stores.outbox.nextForRoom(ROOM);
    expect(result?.content).toMatchObject({ msgtype: "m.text", "m.mentions": { user_ids: ["@camille:x"] } });
    expect(result?.content["body"]).toBe("Camille — n°1 « Quand ? » — Sondage clos sans aucun vote.");
    expect(result?.content["formatted_body"]).toContain('<a href="https://matrix.to/#/@camille:x">Camille</a>');

    const byCommand = setup({ startEventId: null });
    const poll = byCommand.stores.polls.polls.get(1);
    if (poll === undefined) throw new Error("no poll");
    byCommand.stores.transaction(() => closePoll(byCommand.stores, poll, { by: "member", userId: "@camille:x" }, NOW + 1, "fr", "!"));
    expect(byCommand.stores.outbox.nextForRoom(ROOM)?.content).toMatchObject({ msgtype: "m.notice", "m.mentions": {} });
  });

  it("an author who erased their data is not mentioned: the result still notifies as a message", async () => {
    const { stores, job } = setup({ startEventId: null, createdBy: "" });
    await job.run(NOW + 60_000);
    expect(stores.outbox.nextForRoom(ROOM)?.content).toMatchObject({ msgtype: "m.text", "m.mentions": {} });
  });
});

describe("poll deadlines of members' Element polls", () => {
  it("ends the poll while Minou may redact; once demoted, leaves it open, drops the deadline and says so once", async () => {
    const allowed = setup({ external: true, createdBy: "@camille:x" });
    await allowed.job.run(NOW + 60_000);
    expect(allowed.stores.outbox.nextForRoom(ROOM)?.eventType).toBe("org.matrix.msc3381.poll.end");

    const { stores, job, poll } = setup({ external: true, createdBy: "@camille:x", minouLevel: 0 });
    await job.run(NOW + 60_000);
    const told = stores.outbox.nextForRoom(ROOM);
    expect(told?.eventType).toBe("m.room.message");
    expect(told?.content).toMatchObject({ msgtype: "m.text", "m.mentions": { user_ids: ["@camille:x"] } });
    expect(told?.content["body"]).toMatch(/^Camille — L'échéance du sondage n°1 « Quand \? » est arrivée, mais je ne peux plus le clore/);
    expect(stores.polls.polls.get(poll.id)).toMatchObject({ closedAt: null, deadline: null });
    stores.outbox.markSent(told?.id ?? 0, "$told", 0);
    await job.run(NOW + 120_000);
    expect(stores.outbox.nextForRoom(ROOM)).toBeUndefined();
  });
});

describe("parsePollRequest", () => {
  it("reads the quoted question, answers, deadline and options in any order at the end", () => {
    expect(parsePollRequest('"Quand se réunir ?" Lundi | Mardi soir | Mercredi jusqu\'à vendredi 18h fermé anonyme')).toEqual({
      ok: true,
      request: { question: "Quand se réunir ?", parts: ["Lundi", "Mardi soir", "Mercredi"], deadlineText: "vendredi 18h", undisclosed: true, anonymous: true },
    });
    expect(parsePollRequest("«Œuvre préférée ?» Cœur | Âme anonyme")).toMatchObject({ ok: true, request: { parts: ["Cœur", "Âme"], anonymous: true } });
  });

  it("reads a date poll without quotes: title up to the ? or the first slot, slots split on commas", () => {
    const isSlot = (part: string): boolean => /^(lundi|mardi|jeudi) \d+h$/u.test(part);
    expect(parseDatePollRequest("Réunion de rentrée ? lundi 14h, mardi 18h", isSlot)).toEqual({
      ok: true,
      request: { question: "Réunion de rentrée ?", parts: ["lundi 14h", "mardi 18h"], deadlineText: undefined, undisclosed: false, anonymous: false },
    });
    expect(parseDatePollRequest("Réunion de rentrée lundi 14h, mardi 18h, jeudi 9h jusqu'à vendredi anonyme", isSlot)).toMatchObject({
      ok: true,
      request: { question: "Réunion de rentrée", parts: ["lundi 14h", "mardi 18h", "jeudi 9h"], deadlineText: "vendredi", anonymous: true },
    });
    expect(parseDatePollRequest('"Réunion, rentrée" lundi 14h | mardi 18h', isSlot)).toMatchObject({ ok: true, request: { question: "Réunion, rentrée", parts: ["lundi 14h", "mardi 18h"] } });
    expect(parseDatePollRequest("Réunion de rentrée", isSlot)).toEqual({ ok: false, problem: { kind: "noQuestion" } });
  });

  it("reads a deadline without a time as the end of that day", () => {
    const result = parseDeadline("vendredi", NOW, "Europe/Paris", "fr");
    expect(result).toEqual({ ok: true, deadline: Date.UTC(2026, 10, 27, 23, 0) });
    expect(parseDeadline("hier 18h", NOW, "Europe/Paris", "fr")).toMatchObject({ ok: false, problem: { kind: "past" } });
  });
});

describe("poll deadlines: one poll that fails", () => {
  it("a poll that fails to close does not hold back the others: it is logged once and closed once it works", async () => {
    const stores = memoryStores();
    const rooms = ["!asso:x", "!chorale:x"];
    for (const [index, roomId] of rooms.entries()) {
      stores.rooms.recordJoin(roomId, 0);
      stores.polls.polls.create(
        {
          roomId, kind: "question", question: `Quand ${index} ?`, disclosed: true, anonymous: false, code: null, external: false, createdBy: "@camille:x",
          deadline: NOW + 60_000, timeZone: "Europe/Paris", startEventId: null,
          options: [{ position: 1, answerId: "a1", label: "Lundi", startsAt: null, endsAt: null, allDay: false }],
        },
        NOW,
      );
    }
    let broken = true;
    const roomState = {
      displayName: (roomId: string) => {
        if (broken && roomId === ROOM) throw new Error("names unreadable");
        return undefined;
      },
      powerLevels: async () => parsePowerLevels({}),
    };
    const { log, lines } = captureLog();
    const job = pollDeadlinesJob(stores, new RecordingTransport(), { defaultLanguage: "fr", prefix: "!", botUserId: "@minou:x", retryPolicy: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 } }, roomState, () => undefined, log);
    await job.run(NOW + 60_000);
    await job.run(NOW + 90_000);
    expect(stores.outbox.pendingRooms()).toEqual(["!chorale:x"]);
    expect(lines.filter((line) => line.includes("scheduled item failed") && line.includes(`"roomId":"${ROOM}"`))).toHaveLength(1);
    broken = false;
    await job.run(NOW + 120_000);
    expect(stores.outbox.pendingRooms().sort()).toEqual(rooms);
  });
});
